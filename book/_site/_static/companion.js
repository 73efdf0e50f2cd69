// Figures that a narrow screen shrinks open at full size when tapped: every figure a code
// cell drew becomes a link to its own image file (its alt text names the link). On a phone a
// 1,000-pixel figure is shown at about a third of its size, and its labels are unreadable.
document.addEventListener("DOMContentLoaded", () => {
  for (const img of document.querySelectorAll(".cell_output img")) {
    if (img.closest("a")) continue;
    const link = document.createElement("a");
    link.href = img.getAttribute("src");
    link.className = "companion-figure-link";
    link.title = "Open the figure at full size";
    img.replaceWith(link);
    link.append(img);
  }
});

// A display equation wider than the column scrolls sideways inside itself (on a phone, most
// of the numbered ones): such a one takes the keyboard focus, so that it can be scrolled
// without a mouse (WCAG 2.1.1; axe: scrollable-region-focusable). Equations are SVG typeset
// when the site was built (book/_ext/maths.py); their MathML is what screen readers read.
function focusableWideMaths() {
  for (const math of document.querySelectorAll('mjx-container[display="true"]')) {
    if (math.scrollWidth > math.clientWidth + 1) math.setAttribute("tabindex", "0");
    else math.removeAttribute("tabindex");
  }
}
document.addEventListener("DOMContentLoaded", focusableWideMaths);
window.addEventListener("resize", focusableWideMaths);
