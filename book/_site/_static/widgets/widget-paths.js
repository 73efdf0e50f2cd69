// Loaded after require.js and before embed-amd.js on every page with saved widgets (see
// _config.yml, nb_ipywidgets_js). It points require.js at the copies of the widget scripts
// that this site serves beside this file, so the widget manager finds anywidget here and
// never asks a CDN; its icon fonts are found here too (its public path is its module's URL).
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  window.require.config({
    paths: {
      anywidget: here + "anywidget",
      "@jupyter-widgets/html-manager/dist": here.replace(/\/$/, ""),
    },
  });
})();
