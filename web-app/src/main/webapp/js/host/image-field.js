// A question's image: the host picks a file, it is uploaded as is (POST /quiz/api/images, the file's own type),
// and the question keeps the URL the server gives back; a preview shows it and a button takes it off again.
import { t } from '../i18n.js';
import { el, clear } from '../ui.js';
import { api, ApiError } from '../api.js';
import { token } from '../session.js';
import { describe, setFieldError, errorsByField } from './common.js';

export const IMAGE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

// Uploads under way, by the draft they are for: the form may be drawn again before one ends (another type, a new
// language), and Save has to wait for the picture's URL rather than send the question without it.
const uploads = new WeakMap();

/** The upload under way for draft, or null; it resolves to null once draft.imageUrl is set, or to the failure. */
export function uploadOf(draft) {
  return uploads.get(draft) || null;
}

/** draft: the question being edited (its imageUrl changes); returns the field (for setFieldError) and its node. */
export function imageField(draft) {
  const input = el('input', { id: 'image-input', type: 'file', accept: IMAGE_TYPES, 'data-testid': 'image-input' });
  const error = el('p', { class: 'field-error', id: 'image-input-error', 'data-testid': 'image-input-error', hidden: true, role: 'alert' });
  const hint = el('p', { class: 'hint muted', id: 'image-input-hint', i18n: 'editor.imageHint' });
  input.setAttribute('aria-describedby', 'image-input-hint image-input-error');
  const busy = el('p', { class: 'muted', 'aria-live': 'polite' });
  const preview = el('div', { class: 'image-preview' });
  const f = { control: input, error };

  function renderPreview() {
    clear(preview);
    if (!draft.imageUrl) return;
    const remove = el('button', { type: 'button', class: 'danger', 'data-testid': 'image-remove', i18n: 'editor.imageRemove' });
    remove.addEventListener('click', () => {
      draft.imageUrl = null;
      input.value = '';
      renderPreview();
      input.focus();
    });
    preview.append(
      el('img', { src: draft.imageUrl, alt: t('editor.imageAlt'), class: 'question-image', 'data-testid': 'image-preview' }),
      remove);
  }

  /** Shows the upload under way here, then its outcome. */
  async function follow(upload) {
    setFieldError(f, null);
    busy.textContent = t('editor.imageUploading');
    input.disabled = true;
    const failure = await upload;
    input.disabled = false;
    if (failure) {
      busy.textContent = '';
      setFieldError(f, uploadMessage(failure));
      input.value = '';
    } else {
      renderPreview();
      busy.textContent = t('editor.imageUploaded');
    }
  }

  input.addEventListener('change', () => {
    const file = input.files[0];
    if (!file) return;
    const upload = api('POST', '/quiz/api/images', { token: token(), body: file })
      .then(({ data }) => { draft.imageUrl = data.url; return null; }, (failure) => failure)
      .finally(() => uploads.delete(draft));
    uploads.set(draft, upload);
    follow(upload);
  });

  renderPreview();
  if (uploads.has(draft)) follow(uploads.get(draft));
  const wrap = el('div', { class: 'field' },
    el('label', { for: 'image-input', i18n: 'editor.image' }), hint, input, busy, error, preview);
  return { wrap, field: f };
}

/** What went wrong, then the server's reasons in the page's language (e.g. the image's size and the limit). */
function uploadMessage(error) {
  const heading = { 413: 'editor.imageTooLarge', 415: 'editor.imageWrongType', 400: 'editor.imageUnreadable' }[error?.status];
  if (!(error instanceof ApiError) || !heading) return describe(error);
  const first = t(heading);
  const reasons = Object.values(errorsByField(error)).flat().filter((reason) => reason !== first);
  return [first, ...reasons].join(' ');
}
