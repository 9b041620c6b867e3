import type { SeriesInput } from '../../app/series/create-series.js';
import { DOC_TYPE_INFO, DOC_TYPES } from '../../domain/documents/types.js';
import { type FormBody, checked, idOrNull, text } from './form.js';

export const SERIES_FIELDS = ['code', 'description', 'kind', 'vatIncluded', 'isDefault', 'storeId'] as const;
export type SeriesFields = Record<(typeof SERIES_FIELDS)[number], string>;

export function seriesFieldsOf(form: FormBody): SeriesFields {
  return Object.fromEntries(SERIES_FIELDS.map((f) => [f, text(form, f)])) as SeriesFields;
}

/** N normal, F training (formação), R recovery of documents issued by hand (recuperação). */
export const SERIES_KINDS = ['N', 'F', 'R'] as const;

export function seriesInput(form: FormBody): SeriesInput {
  return {
    code: text(form, 'code'),
    description: text(form, 'description'),
    kind: (text(form, 'kind') || 'N') as SeriesInput['kind'],
    vatIncluded: checked(form, 'vatIncluded'),
    isDefault: checked(form, 'isDefault'),
    storeId: idOrNull(form, 'storeId'),
  };
}

/** What may change on an existing series (its kind and store are set when it is created). */
export function seriesUpdate(form: FormBody) {
  return {
    code: text(form, 'code'),
    description: text(form, 'description'),
    vatIncluded: checked(form, 'vatIncluded'),
    isDefault: checked(form, 'isDefault') || undefined,
  };
}

/** The document types AT registers series for (those with a series class), in the order the domain lists them. */
export const AT_DOC_TYPES = DOC_TYPES.filter((t) => DOC_TYPE_INFO[t].seriesClass).map((t) => ({
  code: t,
  names: DOC_TYPE_INFO[t].names,
}));
