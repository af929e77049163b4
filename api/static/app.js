// vanban: click an item -> mark and scroll to its evidence in the text (every
// mention, for an item that stands for several); click a highlighted span ->
// select its item; legend checkboxes show/hide kinds; the upload button says
// when extraction is under way.
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

  // the chart's form: another unit has other subjects, so its own default one
  const holder = document.getElementById("holder");
  const subject = document.getElementById("subject");
  if (holder && subject) holder.addEventListener("change", () => { subject.disabled = true; });

  const text = document.getElementById("text");
  if (!text) return;

  function itemOf(id) {
    return document.querySelector(`.item[data-targets~="${CSS.escape(id)}"]`);
  }

  function select(ids) {
    for (const m of text.querySelectorAll("mark.active")) m.classList.remove("active");
    for (const b of document.querySelectorAll(".item.selected")) b.classList.remove("selected");
    const marks = [];
    for (const id of ids) {
      for (const m of text.querySelectorAll(`mark[data-ids~="${CSS.escape(id)}"]`)) {
        m.classList.add("active");
        marks.push(m);
      }
    }
    const item = ids.length ? itemOf(ids[0]) : null;
    if (item) item.classList.add("selected");
    return { marks, item };
  }

  for (const button of document.querySelectorAll(".item[data-targets]")) {
    button.addEventListener("click", () => {
      const { marks } = select(button.dataset.targets.split(" "));
      if (marks.length) marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
    });
  }

  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-main]");
    if (!mark) return;
    const item = itemOf(mark.dataset.main);
    select(item ? item.dataset.targets.split(" ") : [mark.dataset.main]);
    if (item) item.scrollIntoView({ behavior: "smooth", block: "nearest" });
  });

  // a link to "#at-<offset>" (from a search or a reference page): the first item there
  const at = /^#at-(\d+)$/.exec(location.hash);
  if (at) {
    const offset = Number(at[1]);
    const mark = [...text.querySelectorAll("mark[data-at]")].find((m) => Number(m.dataset.at) >= offset);
    if (mark) {
      const item = itemOf(mark.dataset.main);
      select(item ? item.dataset.targets.split(" ") : [mark.dataset.main]);
      mark.scrollIntoView({ block: "center" });
    }
  }

  for (const box of document.querySelectorAll("#legend input[data-kind]")) {
    box.addEventListener("change", () => text.classList.toggle("hide-" + box.dataset.kind, !box.checked));
  }
});
