import type { Writable } from 'node:stream';

/**
 * Writes SAF-T text to a stream, one record at a time, waiting whenever the stream asks to (backpressure), so
 * that the producer never runs ahead of the consumer. Fails, rather than waits forever, if the stream goes away.
 */
export class SaftWriter {
  bytes = 0;
  constructor(private readonly out: Writable) {}

  async write(chunk: string): Promise<void> {
    if (this.out.destroyed || this.out.writableEnded)
      throw new Error('The SAF-T output stream was closed before the export ended.');
    // Encoded once here: counting its bytes apart would walk (and flatten) the page's string a second time.
    const bytes = Buffer.from(chunk);
    this.bytes += bytes.length;
    if (this.out.write(bytes)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        this.out.off('drain', onDrain);
        this.out.off('close', onClose);
        this.out.off('error', onError);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new Error('The SAF-T output stream was closed before the export ended.'));
      const onError = (err: Error) => done(err);
      this.out.on('drain', onDrain);
      this.out.on('close', onClose);
      this.out.on('error', onError);
    });
  }

  /** A container's opening tag; its name is one of the schema's fixed element names. */
  open(name: string): Promise<void> {
    return this.write(`<${name}>\n`);
  }

  close(name: string): Promise<void> {
    return this.write(`</${name}>\n`);
  }

  /** A complete record on its own line. */
  record(xml: string): Promise<void> {
    return this.write(`${xml}\n`);
  }

  /** A page of records, each on its own line, as one chunk (one write and one wait per page, not per record). */
  records<T>(items: readonly T[], xml: (item: T) => string): Promise<void> {
    let chunk = '';
    for (const item of items) chunk += `${xml(item)}\n`;
    return chunk ? this.write(chunk) : Promise.resolve();
  }
}
