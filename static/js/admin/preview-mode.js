// The page editor's preview panel opens in the view the editor chose last (graphic or
// text-only), as Wagtail's panel already does for the device size. Loaded with `defer`, so it
// runs once the editor is parsed and before Wagtail's controllers start reading the choice.
(() => {
  const key = "wagtail:preview-panel-mode";
  const select = document.querySelector("[data-w-preview-target='mode']");
  if (!select) return;
  let saved = null;
  try {
    saved = localStorage.getItem(key);
  } catch {}
  const offered = [...select.options].some((option) => option.value === saved);
  if (offered && saved !== select.value) {
    select.value = saved;
    // Wagtail updates the "Preview in new tab" link only when the choice changes.
    const newTab = document.querySelector("[data-w-preview-target='newTab']");
    if (newTab) {
      const url = new URL(newTab.href);
      url.searchParams.set("mode", saved);
      newTab.href = url.toString();
    }
  }
  select.addEventListener("change", () => {
    try {
      localStorage.setItem(key, select.value);
    } catch {}
  });
})();
