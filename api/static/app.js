// vanban: click an item -> mark and scroll to its evidence in the text; click a
// highlighted span -> select its item; legend checkboxes show/hide kinds; the
// upload button says when extraction is under way.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // the upload form: say that extraction is under way (a scanned PDF can take a while)
  const upload = document.getElementById("upload-form");
  if (upload) {
    upload.addEventListener("submit", () => {
      const button = upload.querySelector('button[type="submit"]');
      button.disabled = true;
      button.textContent = "Đang trích xuất…";
    });
  }

  const text = document.getElementById("text");
  if (!text) return;

  function select(id) {
    for (const m of text.querySelectorAll("mark.active")) m.classList.remove("active");
    for (const b of document.querySelectorAll(".item.selected")) b.classList.remove("selected");
    const marks = text.querySelectorAll(`mark[data-ids~="${CSS.escape(id)}"]`);
    for (const m of marks) m.classList.add("active");
    const item = document.getElementById("item-" + id);
    if (item) item.classList.add("selected");
    return { marks, item };
  }

  for (const button of document.querySelectorAll(".item[data-target]")) {
    button.addEventListener("click", () => {
      const { marks } = select(button.dataset.target);
      if (marks.length) marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
    });
  }

  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-main]");
    if (!mark) return;
    const { item } = select(mark.dataset.main);
    if (item) item.scrollIntoView({ behavior: "smooth", block: "nearest" });
  });

  for (const box of document.querySelectorAll("#legend input[data-kind]")) {
    box.addEventListener("change", () => text.classList.toggle("hide-" + box.dataset.kind, !box.checked));
  }
});
