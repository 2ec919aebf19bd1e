// A new story is autosaved from the moment it has a title. Wagtail cannot save a page without
// one, so an autosave before it (on choosing an image or an author first) only answered
// "Autosave is paused: there are validation errors" with nothing highlighted. The save event is
// cancelable; it is stopped here, before the autosave indicator hears of it, and the next change
// once a title is typed saves as usual.
window.addEventListener(
  "w-autosave:save",
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-edit-form]")) return;
    const title = form.elements.namedItem("title");
    const isNewPage = /\/pages\/add\//.test(new URL(form.action, window.location.href).pathname);
    if (isNewPage && title && !title.value.trim()) {
      event.preventDefault();
      event.stopPropagation();
    }
  },
  true,
);
