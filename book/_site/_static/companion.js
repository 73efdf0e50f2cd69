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

