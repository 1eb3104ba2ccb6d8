/**
 * Copy text to the clipboard from a click: the asynchronous Clipboard API where the page may use
 * it, else the older copy command on a temporary field (the Electron permission policy grants
 * pages nothing but the microphone). True when one of them worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // fall through: no permission, or no Clipboard API
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.appendChild(field);
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    field.remove();
  }
}
