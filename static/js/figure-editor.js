// The report's paragraph editor: each figure shows as a chip with its Chinese label and value, and the
// "插入数据" list inserts one at the cursor. The textarea it replaces keeps the text with each figure as
// 【label】 (what the server reads, and what a user without scripts edits); keys never reach the page.
(function () {
  "use strict";
  var CHIP = /【([^【】]+)】/g;

  function chip(label, value) {
    var element = document.createElement("span");
    element.className = "fz-chip";
    element.contentEditable = "false";
    element.dataset.label = label;
    element.textContent = label;
    if (value) {
      var shown = document.createElement("span");
      shown.className = "fz-chip-value";
      shown.textContent = value;
      element.appendChild(shown);
    }
    return element;
  }

  function fill(editor, text, values) {
    var position = 0;
    var match;
    CHIP.lastIndex = 0;
    while ((match = CHIP.exec(text)) !== null) {
      editor.appendChild(document.createTextNode(text.slice(position, match.index)));
      var known = match[1] in values;
      editor.appendChild(known ? chip(match[1], values[match[1]]) : document.createTextNode(match[0]));
      position = CHIP.lastIndex;
    }
    editor.appendChild(document.createTextNode(text.slice(position)));
  }

  function serialise(node) {
    var text = "";
    node.childNodes.forEach(function (child) {
      if (child.nodeType === Node.TEXT_NODE) {
        text += child.textContent;
      } else if (child.dataset && child.dataset.label) {
        text += "【" + child.dataset.label + "】";
      } else if (child.nodeName === "BR") {
        text += "\n";
      } else {
        text += (child.nodeName === "DIV" && text ? "\n" : "") + serialise(child);
      }
    });
    return text;
  }

  function setUp(textarea) {
    var source = document.getElementById(textarea.dataset.fzFigureEditor);
    if (!source) return;
    var choices = JSON.parse(source.textContent);
    var values = {};
    choices.forEach(function (choice) { values[choice.label] = choice.value; });

    var editor = document.createElement("div");
    editor.className = "form-control fz-figure-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.setAttribute("aria-label", "段落文字");
    editor.setAttribute("data-testid", "figure-editor");
    fill(editor, textarea.value, values);

    var picker = document.createElement("select");
    picker.className = "form-select form-select-sm mt-2";
    picker.setAttribute("aria-label", "插入数据");
    var first = document.createElement("option");
    first.value = "";
    first.textContent = "插入数据…";
    picker.appendChild(first);
    choices.forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice.label;
      option.textContent = choice.value ? choice.label + "（" + choice.value + "）" : choice.label;
      picker.appendChild(option);
    });

    // The cursor is remembered while the editor has it: choosing from the list moves the focus away.
    var cursor = null;
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (selection.rangeCount && editor.contains(selection.anchorNode)) {
        cursor = selection.getRangeAt(0).cloneRange();
      }
    });
    picker.addEventListener("change", function () {
      if (!picker.value) return;
      var range = cursor;
      if (!range) {
        range = document.createRange();
        range.selectNodeContents(editor);
        range.collapse(false);
      }
      range.deleteContents();
      var inserted = chip(picker.value, values[picker.value]);
      range.insertNode(inserted);
      range.setStartAfter(inserted);
      range.collapse(true);
      cursor = range;
      picker.value = "";
      editor.focus();
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      textarea.value = serialise(editor);
    });
    editor.addEventListener("input", function () { textarea.value = serialise(editor); });
    // Pasted text comes in as plain text: no foreign markup in a paragraph of the report.
    editor.addEventListener("paste", function (event) {
      event.preventDefault();
      document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
    });
    textarea.form.addEventListener("submit", function () { textarea.value = serialise(editor); });

    textarea.hidden = true;
    textarea.after(editor, picker);
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) label.addEventListener("click", function () { editor.focus(); });
  }

  document.querySelectorAll("textarea[data-fz-figure-editor]").forEach(setUp);
})();
