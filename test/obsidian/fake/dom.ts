/// <reference lib="dom" />
// Obsidian adds helpers to every DOM node (createEl, empty, setText, …); the plugin uses them,
// so the fake installs the same ones on the page's prototypes (happy-dom's or Chromium's).
// DomElementInfo is one of the globals the obsidian typings declare.

type Info = DomElementInfo | string | undefined;

function applyInfo(el: HTMLElement, info: Info): void {
  if (info === undefined) return;
  const o: DomElementInfo = typeof info === 'string' ? { text: info } : info;
  if (o.cls) for (const c of Array.isArray(o.cls) ? o.cls : o.cls.split(' ')) if (c) el.classList.add(c);
  if (o.text !== undefined) el.append(typeof o.text === 'string' ? o.text : o.text);
  if (o.attr) for (const [k, v] of Object.entries(o.attr)) if (v !== null) el.setAttribute(k, String(v));
  if (o.title) el.title = o.title;
  if (o.value !== undefined) (el as HTMLInputElement).value = o.value;
  if (o.type) el.setAttribute('type', o.type);
  if (o.placeholder) el.setAttribute('placeholder', o.placeholder);
  if (o.href) el.setAttribute('href', o.href);
  if (o.parent) o.parent.appendChild(el);
}

function createElIn(parent: Node | null, tag: string, info?: Info, callback?: (el: HTMLElement) => void): HTMLElement {
  const el = document.createElement(tag);
  applyInfo(el, info);
  if (parent) parent.appendChild(el);
  callback?.(el);
  return el;
}

let installed = false;

export function installDomHelpers(): void {
  if (installed || typeof document === 'undefined') return;
  installed = true;
  const node = Node.prototype as unknown as Record<string, unknown>;
  const element = HTMLElement.prototype as unknown as Record<string, unknown>;
  node.createEl = function (this: Node, tag: string, info?: Info, cb?: (el: HTMLElement) => void) {
    return createElIn(this, tag, info, cb);
  };
  node.createDiv = function (this: Node, info?: Info, cb?: (el: HTMLElement) => void) {
    return createElIn(this, 'div', info, cb);
  };
  node.createSpan = function (this: Node, info?: Info, cb?: (el: HTMLElement) => void) {
    return createElIn(this, 'span', info, cb);
  };
  node.empty = function (this: Node) {
    while (this.firstChild) this.removeChild(this.firstChild);
  };
  node.appendText = function (this: Node, text: string) {
    this.appendChild(document.createTextNode(text));
  };
  element.setText = function (this: HTMLElement, text: string) {
    this.textContent = text;
  };
  element.addClass = function (this: HTMLElement, ...classes: string[]) {
    this.classList.add(...classes);
  };
  element.addClasses = function (this: HTMLElement, classes: string[]) {
    this.classList.add(...classes);
  };
  element.removeClass = function (this: HTMLElement, ...classes: string[]) {
    this.classList.remove(...classes);
  };
  element.toggleClass = function (this: HTMLElement, classes: string | string[], value: boolean) {
    for (const c of Array.isArray(classes) ? classes : [classes]) this.classList.toggle(c, value);
  };
  element.hasClass = function (this: HTMLElement, cls: string) {
    return this.classList.contains(cls);
  };
  element.setAttr = function (this: HTMLElement, name: string, value: string | number | boolean | null) {
    if (value === null) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  };
  element.show = function (this: HTMLElement) {
    this.style.display = '';
  };
  element.hide = function (this: HTMLElement) {
    this.style.display = 'none';
  };
  (globalThis as Record<string, unknown>).createEl = (tag: string, info?: Info, cb?: (el: HTMLElement) => void) => createElIn(null, tag, info, cb);
  (globalThis as Record<string, unknown>).createDiv = (info?: Info, cb?: (el: HTMLElement) => void) => createElIn(null, 'div', info, cb);
}
