// The party picker (core/widgets/party_picker.html): a name typed lists the town's parties it finds, each
// with what tells it apart (type, the identifier's last four characters, the address without its house
// number), as radio buttons beside "新当事人"; choosing "新当事人" opens the new party's fields. Several
// pickers in rows (party_rows.html) add a row from their <template>. The server checks everything again:
// this only saves typing. Each picker's widget includes this file, so it guards against running twice.
(function () {
  if (window.fazhiPartyPicker) {
    return;
  }
  window.fazhiPartyPicker = true;

  function option(picker, party, checked) {
    var name = picker.dataset.name;
    var id = name + "_party_" + party.id;
    var row = document.createElement("div");
    row.className = "form-check";
    var input = document.createElement("input");
    input.className = "form-check-input";
    input.type = "radio";
    input.name = name;
    input.id = id;
    input.value = String(party.id);
    input.checked = checked;
    var label = document.createElement("label");
    label.className = "form-check-label";
    label.htmlFor = id;
    label.textContent = party.name + "（" + party.facts + "）";
    row.appendChild(input);
    row.appendChild(label);
    return row;
  }

  function showNew(picker) {
    var chosen = picker.querySelector("input[type=radio][name='" + picker.dataset.name + "']:checked");
    picker.querySelector("[data-party-new]").hidden = !chosen || chosen.value !== "new";
  }

  function search(picker) {
    var query = picker.querySelector("[data-party-query]").value.trim();
    var results = picker.querySelector("[data-party-results]");
    var chosen = picker.querySelector("[data-party-results] input:checked");
    var keep = chosen ? chosen.value : "";
    if (!query) {
      results.replaceChildren();
      showNew(picker);
      return;
    }
    var url = picker.dataset.searchUrl + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : { parties: [] };
      })
      .then(function (body) {
        if (picker.querySelector("[data-party-query]").value.trim() !== query) {
          return; // a later keystroke's answer will come
        }
        var rows = body.parties.map(function (party) {
          return option(picker, party, String(party.id) === keep);
        });
        if (!rows.length) {
          var none = document.createElement("p");
          none.className = "small text-secondary mb-1";
          none.textContent = "本镇（街道）没有找到该当事人，可选择“新当事人”登记。";
          rows.push(none);
        }
        results.replaceChildren.apply(results, rows);
        showNew(picker);
      });
  }

  function init(picker) {
    if (picker.dataset.ready) {
      return;
    }
    picker.dataset.ready = "1";
    var timer = null;
    picker.querySelector("[data-party-query]").addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        search(picker);
      }, 250);
    });
    picker.addEventListener("change", function () {
      showNew(picker);
    });
    if (picker.querySelector("[data-party-query]").value.trim()) {
      search(picker);
    }
  }

  function addRow(rows) {
    var list = rows.querySelector("[data-party-row-list]");
    var line = list.querySelectorAll("[data-party-row]").length;
    var html = rows.querySelector("template[data-party-row-template]").innerHTML;
    var holder = document.createElement("div");
    holder.innerHTML = html.split("__row__").join(String(line)).split("__line__").join(String(line + 1));
    var row = holder.firstElementChild;
    list.appendChild(row);
    init(row.querySelector("[data-party-picker]"));
  }

  function start() {
    document.querySelectorAll("[data-party-picker]").forEach(function (picker) {
      if (!picker.closest("template")) {
        init(picker);
      }
    });
    document.querySelectorAll("[data-party-rows]").forEach(function (rows) {
      rows.querySelector("[data-party-add-row]").addEventListener("click", function () {
        addRow(rows);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
