import type {
  AnnulSeriesRequest,
  FinalizeSeriesRequest,
  ListSeriesFilter,
  RegisterSeriesRequest,
  SeriesInfo,
} from '../../app/at/ports.js';
import { child, text, type BodyElement, type XmlNode } from './soap-envelope.js';

/**
 * SeriesWS (Comunicação de Séries Documentais), portugal.md §3.2. Target namespace `http://at.gov.pt/` with the
 * trailing slash (without it AT answers "Erro - Pedido do Cliente"); children unqualified, in xs:sequence order.
 * SOAPAction is empty.
 */
export const SERIES_NS = 'http://at.gov.pt/';
export const SERIES_SOAP_ACTION = '';

const op = (name: string, content: XmlNode): BodyElement => ({
  name,
  namespace: SERIES_NS,
  prefix: 'ser',
  qualified: false,
  content,
});

export function registerSeriesBody(r: RegisterSeriesRequest): BodyElement {
  return op('registarSerie', {
    serie: r.serie,
    tipoSerie: r.tipoSerie,
    classeDoc: r.classeDoc,
    tipoDoc: r.tipoDoc,
    numInicialSeq: r.numInicialSeq,
    dataInicioPrevUtiliz: r.dataInicioPrevUtiliz,
    numCertSWFatur: r.numCertSWFatur,
    meioProcessamento: r.meioProcessamento,
  });
}

export function finalizeSeriesBody(r: FinalizeSeriesRequest): BodyElement {
  return op('finalizarSerie', {
    serie: r.serie,
    classeDoc: r.classeDoc,
    tipoDoc: r.tipoDoc,
    codValidacaoSerie: r.codValidacaoSerie,
    seqUltimoDocEmitido: r.seqUltimoDocEmitido,
    justificacao: r.justificacao,
  });
}

export function annulSeriesBody(r: AnnulSeriesRequest): BodyElement {
  return op('anularSerie', {
    serie: r.serie,
    classeDoc: r.classeDoc,
    tipoDoc: r.tipoDoc,
    codValidacaoSerie: r.codValidacaoSerie,
    motivo: r.motivo,
    declaracaoNaoEmissao: r.declaracaoNaoEmissao,
  });
}

export function listSeriesBody(f: ListSeriesFilter): BodyElement {
  return op('consultarSeries', {
    serie: f.serie,
    tipoSerie: f.tipoSerie,
    classeDoc: f.classeDoc,
    tipoDoc: f.tipoDoc,
    codValidacaoSerie: f.codValidacaoSerie,
    dataRegistoDe: f.dataRegistoDe,
    dataRegistoAte: f.dataRegistoAte,
    estado: f.estado,
    meioProcessamento: f.meioProcessamento,
  });
}

export interface SeriesAnswer {
  code: number | null;
  message: string;
  series: SeriesInfo[];
}

function info(x: unknown): SeriesInfo {
  return {
    serie: text(x, 'serie') ?? '',
    tipoSerie: text(x, 'tipoSerie'),
    classeDoc: text(x, 'classeDoc'),
    tipoDoc: text(x, 'tipoDoc'),
    numInicialSeq: text(x, 'numInicialSeq'),
    numFinalSeq: text(x, 'numFinalSeq'),
    codValidacaoSerie: text(x, 'codValidacaoSerie'),
    estado: text(x, 'estado'),
    dataRegisto: text(x, 'dataRegisto'),
    seqUltimoDocEmitido: text(x, 'seqUltimoDocEmitido'),
  };
}

/** Reads `<op>Response/<op>Resp{infoSerie*, infoResultOper{codResultOper, msgResultOper}}`; null if absent. */
export function readSeriesAnswer(body: Record<string, unknown>, operation: string): SeriesAnswer | null {
  const resp = child(child(body, `${operation}Response`), `${operation}Resp`);
  if (!resp) return null;
  const result = child(resp, 'infoResultOper');
  const raw = text(result, 'codResultOper');
  const code = raw !== undefined && /^-?\d+$/.test(raw.trim()) ? Number(raw) : null;
  const list = Array.isArray(resp.infoSerie) ? resp.infoSerie : [];
  return { code, message: text(result, 'msgResultOper') ?? '', series: list.map(info) };
}
