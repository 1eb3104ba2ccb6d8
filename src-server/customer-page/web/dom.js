/**
 * Building the page from elements, never from HTML strings: every string from the server (names, phonebook entries,
 * templates) is hostile and goes in as a text node or an attribute, never as markup.
 */

/**
 * h('button', { class: 'btn', onclick: fn, 'data-testid': 'x' }, 'text', child)
 * Attributes: `on…` functions become listeners; `false`/`null`/`undefined` are left out;
 * `true` sets an empty (boolean) attribute; `value`/`checked` are set as properties.
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'value' || name === 'checked' || name === 'selected') node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** A label + control pair; the control gets an id so the label (and screen readers) point at it. */
export function field(labelText, control, hint) {
  const id = control.id || `f-${crypto.randomUUID()}`;
  control.id = id;
  control.classList.add('field__control');
  const hintNode = hint ? h('span', { class: 'field__hint', id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return h('div', { class: 'field' }, h('label', { class: 'field__label', for: id }, labelText), control, hintNode);
}

/** A place for one form's error (role=alert) and success (role=status) messages. */
export function messageArea(testId) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': testId ? `${testId}-error` : null });
  const status = h('p', { class: 'form-status', role: 'status', 'data-testid': testId ? `${testId}-status` : null });
  return {
    nodes: [error, status],
    showError(message) {
      status.textContent = '';
      error.textContent = message;
      error.hidden = false;
    },
    showStatus(message) {
      error.hidden = true;
      error.textContent = '';
      status.textContent = message;
    },
    clear() {
      error.hidden = true;
      error.textContent = '';
      status.textContent = '';
    },
  };
}

/** Runs an async action with its button disabled, reporting failures to `messages`. */
export async function busy(button, messages, action) {
  button.disabled = true;
  try {
    return await action();
  } catch (error) {
    messages.showError(error instanceof Error ? error.message : String(error));
    return undefined;
  } finally {
    button.disabled = false;
  }
}
