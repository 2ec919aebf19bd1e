"""Pictures for the demo, drawn with Pillow so that loading needs no network and no files.

Every picture is abstract: shapes and colours, never a face. Each is drawn from its own random
generator seeded with a key, so the same key always gives the same picture.
"""

import io
import math
import random

from PIL import Image, ImageColor, ImageDraw, ImageFilter

ARTICLE_SIZE = (1200, 800)  # 3:2, the ratio the article template crops lead images to
LOGO_SIZE = 512

# Each palette: gradient top, gradient bottom, then accent colours.
PALETTES = {
    "teal": ["#0b3c49", "#1f7a8c", "#bfdbf7", "#e1e5f2", "#f4d35e"],
    "gold": ["#1b1b1b", "#3d3d3d", "#ffb300", "#f8e16c", "#ffffff"],
    "plum": ["#2d1e2f", "#5c3d5e", "#e0aaff", "#c77dff", "#f1e4f3"],
    "coral": ["#6d2e46", "#a26769", "#ffb4a2", "#ffcdb2", "#fff1e6"],
    "navy": ["#0d1b2a", "#1b263b", "#778da9", "#e0e1dd", "#5fa8d3"],
    "leaf": ["#1b4332", "#2d6a4f", "#95d5b2", "#d8f3dc", "#ffd166"],
    "sky": ["#03045e", "#0077b6", "#90e0ef", "#caf0f8", "#ffffff"],
    "rose": ["#590d22", "#a4133c", "#ff8fa3", "#ffccd5", "#fff0f3"],
    "slate": ["#22333b", "#5e503f", "#c6ac8f", "#eae0d5", "#0a9396"],
    "amber": ["#7f4f24", "#b6742c", "#ffe8d6", "#ddb892", "#582f0e"],
    "violet": ["#10002b", "#3c096c", "#9d4edd", "#e0aaff", "#ffd60a"],
    "mint": ["#004b23", "#007f5f", "#80ffdb", "#d9ed92", "#ffffff"],
}


def _rng(key):
    # Seeded with a string, random.Random is stable across runs and machines. Not for security.
    return random.Random(f"demo:{key}")  # noqa: S311


def _gradient(size, top, bottom):
    """A vertical gradient: a two-pixel image stretched smoothly, far faster than per pixel."""
    strip = Image.new("RGB", (1, 2))
    strip.putpixel((0, 0), ImageColor.getrgb(top))
    strip.putpixel((0, 1), ImageColor.getrgb(bottom))
    return strip.resize(size, Image.Resampling.BILINEAR)


def _rgba(colour, alpha):
    return (*ImageColor.getrgb(colour), alpha)


def _cells(draw, size, rng, accents):
    width, height = size
    for _ in range(rng.randint(14, 22)):
        radius = rng.randint(40, 150)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = rng.choice(accents)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_rgba(colour, 110))
        core = radius // 3
        draw.ellipse((x - core, y - core, x + core, y + core), fill=_rgba(colour, 200))


def _waves(draw, size, rng, accents):
    width, height = size
    for band in range(rng.randint(5, 8)):
        amplitude = rng.randint(20, 70)
        phase = rng.uniform(0, math.tau)
        wavelength = rng.randint(300, 700)
        base = height * (band + 1) / 9
        points = [
            (x, base + amplitude * math.sin(phase + math.tau * x / wavelength))
            for x in range(0, width + 20, 20)
        ]
        draw.line(points, fill=_rgba(accents[band % len(accents)], 190), width=rng.randint(8, 22))


def _columns(draw, size, rng, accents):
    width, height = size
    count = rng.randint(9, 14)
    step = width / count
    level = height * 0.75
    for index in range(count):
        level = max(height * 0.15, level - rng.uniform(-20, 60))  # mostly rising, like progress
        left = index * step + step * 0.15
        draw.rectangle(
            (left, level, left + step * 0.7, height),
            fill=_rgba(accents[index % len(accents)], 170),
        )


def _rings(draw, size, rng, accents):
    width, height = size
    for _ in range(rng.randint(3, 5)):
        x, y = rng.randint(100, width - 100), rng.randint(100, height - 100)
        colour = rng.choice(accents)
        for radius in range(rng.randint(30, 60), rng.randint(260, 420), rng.randint(28, 45)):
            draw.ellipse(
                (x - radius, y - radius, x + radius, y + radius),
                outline=_rgba(colour, 150),
                width=6,
            )


def _dots(draw, size, rng, accents):
    width, height = size
    spacing = rng.randint(50, 70)
    for x in range(spacing // 2, width, spacing):
        for y in range(spacing // 2, height, spacing):
            highlighted = rng.random() < 0.18
            radius = 14 if highlighted else 6
            colour = rng.choice(accents) if highlighted else accents[-1]
            alpha = 230 if highlighted else 90
            draw.ellipse(
                (x - radius, y - radius, x + radius, y + radius), fill=_rgba(colour, alpha)
            )


def _helix(draw, size, rng, accents):
    width, height = size
    amplitude = height * rng.uniform(0.22, 0.3)
    wavelength = rng.randint(380, 520)
    middle = height / 2
    strands = [[], []]
    for x in range(-24, width + 48, 12):
        angle = math.tau * x / wavelength
        top = middle + amplitude * math.sin(angle)
        bottom = middle + amplitude * math.sin(angle + math.pi)
        strands[0].append((x, top))
        strands[1].append((x, bottom))
        if x % 48 == 0:  # the rungs between the strands
            draw.line((x, top, x, bottom), fill=_rgba(accents[1], 120), width=6)
    draw.line(strands[0], fill=_rgba(accents[0], 230), width=16, joint="curve")
    draw.line(strands[1], fill=_rgba(accents[2], 230), width=16, joint="curve")


def _mosaic(draw, size, rng, accents):
    width, height = size
    tile = rng.choice([100, 120, 150])
    for x in range(0, width, tile):
        for y in range(0, height, tile):
            if rng.random() < 0.55:
                inset = rng.randint(6, 24)
                draw.rounded_rectangle(
                    (x + inset, y + inset, x + tile - inset, y + tile - inset),
                    radius=16,
                    fill=_rgba(rng.choice(accents), rng.randint(90, 210)),
                )


def _petals(draw, size, rng, accents):
    width, height = size
    centre_x, centre_y = width / 2 + rng.randint(-150, 150), height / 2
    count = rng.randint(7, 11)
    length = rng.randint(220, 300)
    for index in range(count):
        angle = math.tau * index / count
        x = centre_x + math.cos(angle) * length / 2
        y = centre_y + math.sin(angle) * length / 2
        radius = length / 2.6
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=_rgba(accents[index % len(accents)], 120),
        )
    draw.ellipse(
        (centre_x - 50, centre_y - 50, centre_x + 50, centre_y + 50), fill=_rgba(accents[-1], 230)
    )


MOTIFS = {
    "cells": _cells,
    "waves": _waves,
    "columns": _columns,
    "rings": _rings,
    "dots": _dots,
    "helix": _helix,
    "mosaic": _mosaic,
    "petals": _petals,
}


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def draw_abstract(key, motif, palette, size=ARTICLE_SIZE):
    """JPEG bytes of an abstract picture: a gradient with soft shapes of one motif on top."""
    colours = PALETTES[palette]
    rng = _rng(key)
    picture = _gradient(size, colours[0], colours[1]).convert("RGBA")
    shapes = Image.new("RGBA", size, (0, 0, 0, 0))
    MOTIFS[motif](ImageDraw.Draw(shapes), size, rng, colours[2:])
    # A little blur softens the shapes so they read as an illustration, not a diagram.
    shapes = shapes.filter(ImageFilter.GaussianBlur(2))
    return _jpeg(Image.alpha_composite(picture, shapes).convert("RGB"))


def draw_portrait(key, palette, size=ARTICLE_SIZE):
    """JPEG bytes of a head-and-shoulders silhouette: a stand-in for a photo, with no face."""
    colours = PALETTES[palette]
    rng = _rng(key)
    width, height = size
    picture = _gradient(size, colours[3], colours[2]).convert("RGBA")
    shapes = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(6):  # soft background bokeh
        radius = rng.randint(60, 160)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_rgba("#ffffff", 50))
    shapes = shapes.filter(ImageFilter.GaussianBlur(12))
    draw = ImageDraw.Draw(shapes)
    figure = _rgba(colours[0], 255)
    centre = width / 2
    # Shoulders: the top half of a wide ellipse whose bottom is cut off by the frame.
    draw.ellipse((centre - 330, height * 0.66, centre + 330, height * 1.5), fill=figure)
    draw.rectangle((centre - 55, height * 0.5, centre + 55, height * 0.72), fill=figure)
    draw.ellipse((centre - 125, height * 0.18, centre + 125, height * 0.57), fill=figure)
    # A white coat collar, so the silhouette reads as a clinician.
    coat = _rgba("#ffffff", 235)
    draw.polygon(
        [(centre - 250, height * 0.78), (centre - 60, height * 0.72), (centre, height)],
        fill=coat,
    )
    draw.polygon(
        [(centre + 250, height * 0.78), (centre + 60, height * 0.72), (centre, height)],
        fill=coat,
    )
    return _jpeg(Image.alpha_composite(picture, shapes).convert("RGB"))


def draw_logo(size=LOGO_SIZE):
    """PNG bytes of a square mark: a gold awareness ribbon in a ring on black."""
    scale = size / 512
    logo = Image.new("RGB", (size, size), "#000000")
    draw = ImageDraw.Draw(logo)
    gold = "#ffb300"

    def box(*coords):
        return [c * scale for c in coords]

    draw.ellipse(box(40, 40, 472, 472), outline=gold, width=round(18 * scale))
    # The ribbon: a loop at the top and two crossing tails.
    draw.ellipse(box(196, 110, 316, 290), outline=gold, width=round(30 * scale))
    draw.line(box(222, 262, 340, 410), fill=gold, width=round(34 * scale))
    draw.line(box(290, 262, 172, 410), fill=gold, width=round(34 * scale))
    return _png(logo)
