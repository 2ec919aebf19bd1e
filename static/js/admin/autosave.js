// The story editor's autosave and its buttons take turns.
//
// A new story is autosaved from the moment it has a title. Wagtail cannot save a page without
// one, so an autosave before it (on choosing an image or an author first) only answered
// "Autosave is paused: there are validation errors" with nothing highlighted. The save event is
// cancelable; it is stopped here, before the autosave indicator hears of it.
//
// A button pressed while an autosave is on its way would race it: on a new story the press
// still posts to the "add" address after the autosave has created the page (its slug is then
// taken), and on an existing one it reads as "a new version saved in another window". So the
// press waits for the autosave to finish and then goes ahead, and once a press has gone ahead
// no autosave follows it.
(() => {
  const isEditForm = (target) => target instanceof HTMLFormElement && target.matches("[data-edit-form]");
  let inFlight = null; // the form whose autosave request is on its way
  let heldPress = null; // a button press waiting for it
  let submitted = false;

  window.addEventListener(
    "w-autosave:save",
    (event) => {
      const form = event.target;
      if (!isEditForm(form)) return;
      const title = form.elements.namedItem("title");
      const isNewPage = /\/pages\/add\//.test(new URL(form.action, window.location.href).pathname);
      if (submitted || (isNewPage && title && !title.value.trim())) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );
  window.addEventListener("w-autosave:save", (event) => {
    if (isEditForm(event.target) && !event.defaultPrevented) inFlight = event.target;
  });

  const autosaveFinished = () => {
    inFlight = null;
    if (heldPress) {
      const { form, submitter } = heldPress;
      heldPress = null;
      form.requestSubmit(submitter || undefined);
    }
  };
  window.addEventListener("w-autosave:success", autosaveFinished);
  window.addEventListener("w-autosave:error", autosaveFinished);

  window.addEventListener(
    "submit",
    (event) => {
      if (isEditForm(event.target) && inFlight === event.target) {
        event.preventDefault();
        event.stopImmediatePropagation();
        heldPress = { form: event.target, submitter: event.submitter };
      }
    },
    true,
  );
  // After the form's own handlers: a press they stopped (a dialog asking first) is not sent.
  window.addEventListener("submit", (event) => {
    if (isEditForm(event.target) && !event.defaultPrevented) submitted = true;
  });
})();
