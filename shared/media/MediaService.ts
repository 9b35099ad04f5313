import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { KefuError } from '../errors';
import type { Principal } from '../auth';
import type { Store } from '../store';
import type { ConversationQueries } from '../conversation';
import type { MessageBody } from '../schemas';
import { MAX_IMAGE_BYTES, MAX_VOICE_BYTES, MAX_VOICE_MS } from '../schemas/limits';
import type { MediaStore } from './MediaStore';
import { declaredTypeMatches, sniffMedia } from './sniffMedia';
import { AudioDecodeError, decodeAudio, type DecodedAudio } from './decodeAudio';
import { imageSize } from './imageSize';
import type { SpeechRecognizer } from '../asr';
import { type TextRecognizer, screenshotText } from '../ocr';
import { checkEntryIcon } from './checkEntryIcon';

/** What Kefu knows about an uploaded file; the bytes are in the MediaStore under the same id. */
export interface MediaRecord {
  [column: string]: unknown;
  readonly id: string;
  readonly ownerId: string;
  readonly conversationId: string;
  readonly kind: 'voice' | 'image';
  readonly mime: string;
  readonly bytes: number;
  /** Voice only: the length measured by decoding (the client's figure when ffmpeg is missing). */
  readonly durationMs?: number;
  /** Voice only: what speech recognition heard; absent when it failed or is not configured. */
  readonly transcript?: string;
  /** Image only: the text read from the picture (OCR), tidied for entity extraction. */
  readonly text?: string;
  readonly createdAt: string;
}

export interface UploadInput {
  readonly conversationId: string;
  /** What the client says it sends (`voice` / `image`); must agree with the content. */
  readonly kind?: string;
  /** The part's content-type, if any; must agree with the content unless generic. */
  readonly declaredType?: string;
  readonly bytes: Uint8Array;
  readonly durationMs?: number;
}

export interface MediaServiceOptions {
  readonly store: Store;
  readonly files: MediaStore;
  readonly conversations: Pick<ConversationQueries, 'get'>;
  /** Signs the short-lived links under which agents fetch media. */
  readonly secret: string;
  readonly clock?: () => number;
  /** How long a link works (default 5 minutes). */
  readonly linkTtlSeconds?: number;
  /** Speech to text for voice messages; without one they reach the agent marked 未转写. */
  readonly speech?: SpeechRecognizer;
  /** Text from pictures; without one a picture fills no ticket fields. */
  readonly ocr?: TextRecognizer;
  /** Decoder of recordings (ffmpeg by default). */
  readonly decode?: (bytes: Uint8Array, o: { maxMs: number }) => Promise<DecodedAudio>;
  /** Pictures whose header claims more pixels than this are refused undecoded (default 40 million). */
  readonly maxImagePixels?: number;
  /** Told when recognition fails, so it shows in the logs; the upload still succeeds. */
  readonly onRecognitionError?: (kind: 'voice' | 'image', err: unknown) => void;
}

/** A merchant's own entry-button icon: public (users see it before logging in), never changed once stored. */
export interface EntryIconRecord {
  [column: string]: unknown;
  readonly id: string;
  readonly mime: 'image/png' | 'image/jpeg';
  readonly bytes: number;
  readonly uploadedBy: string;
  readonly createdAt: string;
}

const TABLE = 'media';
const ICON_TABLE = 'entryIcons';

/**
 * Voice recordings and pictures users send: checked by content (type sniffed from the bytes, size
 * limits per kind) before anything is stored, kept through the MediaStore port, and served to the
 * people allowed to see them through links that are signed and expire.
 */
export class MediaService {
  private readonly clock: () => number;
  private readonly key: Buffer;

  constructor(private readonly o: MediaServiceOptions) {
    this.clock = o.clock ?? Date.now;
    // A key of its own, so a media link can never be turned into anything else signed by the secret.
    this.key = createHmac('sha256', o.secret).update('kefu-media-link').digest();
  }

  async upload(user: Principal, input: UploadInput): Promise<MediaRecord> {
    if (user.role !== 'user') throw new KefuError('FORBIDDEN');
    const bytes = input.bytes;
    if (bytes.length === 0) throw new KefuError('MEDIA_EMPTY');
    // The larger of the two limits first, so a huge file is refused before it is inspected.
    if (bytes.length > Math.max(MAX_IMAGE_BYTES, MAX_VOICE_BYTES)) throw new KefuError('MEDIA_TOO_LARGE', `文件不能超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
    const sniffed = sniffMedia(bytes);
    if (!sniffed) throw new KefuError('MEDIA_TYPE_UNSUPPORTED', '仅支持 mp3、aac、m4a、wav、webm、ogg 语音和 png、jpeg、webp 图片');
    if ((input.kind && input.kind !== sniffed.kind) || !declaredTypeMatches(input.declaredType, sniffed)) {
      throw new KefuError('MEDIA_TYPE_MISMATCH', `文件内容是 ${sniffed.mime},与声明的类型不符`);
    }
    const limit = sniffed.kind === 'voice' ? MAX_VOICE_BYTES : MAX_IMAGE_BYTES;
    if (bytes.length > limit) throw new KefuError('MEDIA_TOO_LARGE', `${sniffed.kind === 'voice' ? '语音' : '图片'}不能超过 ${limit / 1024 / 1024} MB`);
    // Only into the user's own conversation (CONVERSATION_NOT_FOUND otherwise).
    await this.o.conversations.get(user, input.conversationId);
    const understood = sniffed.kind === 'voice' ? await this.listen(bytes, input.durationMs) : await this.look(bytes);
    const record: MediaRecord = {
      id: randomUUID().replace(/-/g, ''),
      ownerId: user.id,
      conversationId: input.conversationId,
      kind: sniffed.kind,
      mime: sniffed.mime,
      bytes: bytes.length,
      ...understood,
      createdAt: new Date(this.clock()).toISOString(),
    };
    // Bytes first: a record never points at a file that is not there.
    await this.o.files.put(user.tenant, record.id, bytes);
    await this.o.store.tenant(user.tenant).put(TABLE, [record.id], record, 'notExists');
    return record;
  }

  /**
   * A recording decoded (so its real length is known and over-long or broken audio is refused
   * before anything is stored) and, when a recogniser is configured, transcribed.
   */
  private async listen(bytes: Uint8Array, claimedMs: number | undefined): Promise<Pick<MediaRecord, 'durationMs' | 'transcript'>> {
    if ((claimedMs ?? 0) > MAX_VOICE_MS) throw new KefuError('MEDIA_TOO_LONG');
    let decoded: DecodedAudio;
    try {
      decoded = await (this.o.decode ?? decodeAudio)(bytes, { maxMs: MAX_VOICE_MS });
    } catch (err) {
      if (err instanceof AudioDecodeError && err.unavailable) return { durationMs: Math.max(0, Math.round(claimedMs ?? 0)) };
      throw new KefuError('MEDIA_TYPE_UNSUPPORTED', '无法解码这段语音');
    }
    // Encoders pad a little; half a second of slack keeps a full 60 s recording acceptable.
    if (decoded.durationMs > MAX_VOICE_MS + 500) throw new KefuError('MEDIA_TOO_LONG');
    if (!this.o.speech) return { durationMs: decoded.durationMs };
    try {
      const transcript = (await this.o.speech.recognize(decoded.wav)).trim();
      return { durationMs: decoded.durationMs, ...(transcript ? { transcript } : {}) };
    } catch (err) {
      this.o.onRecognitionError?.('voice', err);
      return { durationMs: decoded.durationMs };
    }
  }

  /** A picture's size checked from its header (decompression bombs), then read by OCR when configured. */
  private async look(bytes: Uint8Array): Promise<Pick<MediaRecord, 'text'>> {
    const size = imageSize(bytes);
    if (!size || !size.width || !size.height) throw new KefuError('MEDIA_TYPE_UNSUPPORTED', '图片已损坏或无法识别尺寸');
    if (size.width * size.height > (this.o.maxImagePixels ?? 40_000_000)) throw new KefuError('MEDIA_IMAGE_TOO_LARGE', `图片尺寸 ${size.width}×${size.height} 过大`);
    if (!this.o.ocr) return {};
    try {
      const text = screenshotText(await this.o.ocr.recognize(bytes));
      return text ? { text } : {};
    } catch (err) {
      this.o.onRecognitionError?.('image', err);
      return {};
    }
  }

  /**
   * Stores a merchant's entry-button icon (checkEntryIcon: PNG/JPEG, small) for its managers; the
   * route turns the id into the public URL the entry settings keep.
   */
  async uploadEntryIcon(staff: Principal, input: { readonly bytes: Uint8Array; readonly declaredType?: string }): Promise<EntryIconRecord> {
    if (staff.role !== 'admin' && staff.role !== 'supervisor') throw new KefuError('FORBIDDEN');
    const mime = checkEntryIcon(input.bytes, input.declaredType);
    // A prefix of its own, so an icon id never names a user's upload in the same folder.
    const record: EntryIconRecord = { id: `icon${randomUUID().replace(/-/g, '')}`, mime, bytes: input.bytes.length, uploadedBy: staff.id, createdAt: new Date(this.clock()).toISOString() };
    await this.o.files.put(staff.tenant, record.id, input.bytes);
    await this.o.store.tenant(staff.tenant).put(ICON_TABLE, [record.id], record, 'notExists');
    return record;
  }

  /** An entry icon's bytes, by tenant and id (no session: the mini-program loads it in `<image>`). */
  async entryIcon(tenant: string, id: string): Promise<{ bytes: Uint8Array; mime: string }> {
    const row = /^icon[0-9a-f]{32}$/.test(id) ? await this.o.store.tenant(tenant).get<EntryIconRecord>(ICON_TABLE, [id]) : undefined;
    const bytes = row ? await this.o.files.get(tenant, id) : undefined;
    if (!row || !bytes) throw new KefuError('MEDIA_NOT_FOUND');
    return { bytes, mime: row.value.mime };
  }

  /** The record, for its owner or the merchant's staff; MEDIA_NOT_FOUND for anyone else. */
  async get(principal: Principal, id: string): Promise<MediaRecord> {
    const row = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await this.o.store.tenant(principal.tenant).get<MediaRecord>(TABLE, [id]) : undefined;
    if (!row || (principal.role === 'user' && row.value.ownerId !== principal.id)) throw new KefuError('MEDIA_NOT_FOUND');
    return row.value;
  }

  /** The message body that references an upload, for `sendUserMedia`. */
  async messageBody(user: Principal, mediaId: string, conversationId: string): Promise<Extract<MessageBody, { type: 'voice' | 'image' }>> {
    const m = await this.get(user, mediaId);
    if (m.conversationId !== conversationId) throw new KefuError('MEDIA_NOT_FOUND');
    return m.kind === 'voice'
      ? { type: 'voice', mediaId: m.id, mime: m.mime, durationMs: m.durationMs ?? 0, transcribed: m.transcript !== undefined, ...(m.transcript ? { text: m.transcript } : {}) }
      : { type: 'image', mediaId: m.id, mime: m.mime, bytes: m.bytes, ...(m.text ? { text: m.text } : {}) };
  }

  /** A link to the content that works for `linkTtlSeconds` without a session (for <audio>/<img>). */
  async link(principal: Principal, id: string): Promise<{ url: string; expiresAt: string }> {
    await this.get(principal, id);
    const exp = Math.floor(this.clock() / 1000) + (this.o.linkTtlSeconds ?? 300);
    const sig = this.sign(principal.tenant, id, exp);
    return { url: `/v1/media/${id}/content?tenant=${encodeURIComponent(principal.tenant)}&exp=${exp}&sig=${sig}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The bytes behind a signed link; MEDIA_LINK_INVALID when the signature is wrong or expired. */
  async content(tenant: string, id: string, exp: number, sig: string): Promise<{ bytes: Uint8Array; mime: string }> {
    const expected = Buffer.from(this.sign(tenant, id, exp));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || exp * 1000 < this.clock()) throw new KefuError('MEDIA_LINK_INVALID');
    const row = await this.o.store.tenant(tenant).get<MediaRecord>(TABLE, [id]);
    const bytes = row ? await this.o.files.get(tenant, id) : undefined;
    if (!row || !bytes) throw new KefuError('MEDIA_NOT_FOUND');
    return { bytes, mime: row.value.mime };
  }

  private sign(tenant: string, id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${tenant}\n${id}\n${exp}`).digest('base64url');
  }
}
