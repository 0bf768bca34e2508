// "取消" and "返回" links go back one page. The link's own href (the home page) is where it leads when
// there is no page to go back to. A script file rather than `javascript:` in the href: the
// Content-Security-Policy runs no inline script.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[data-fz-back]") : null;
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
