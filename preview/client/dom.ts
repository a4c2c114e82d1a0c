/** A small element builder for the preview's own UI (the frame, overlays, the dev panel). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  /** `class`, `text` (textContent), `html` (innerHTML); anything else is an attribute */
  props: Record<string, string | undefined> = {},
  children: Array<Node | string | null | undefined | false> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'html') node.innerHTML = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

export function button(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const node = el('button', { class: className, text: label });
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}
