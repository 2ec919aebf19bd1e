// "Copy link" for the share links: shown only where the browser can copy. No other script runs.
document.querySelectorAll("[data-copy-link]").forEach((button) => {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(button.dataset.copyLink);
    button.textContent = "Link copied";
    button.setAttribute("aria-live", "polite");
  });
});
