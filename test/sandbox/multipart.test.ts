import { describe, expect, it } from 'vitest';
import { parseMultipart } from '../../src/sandbox/multipart.js';

const B = '----------ub5q410qafrgk94j8o7nozzhzkmmoia5';
const body = (parts: string[]) =>
  Buffer.from(parts.map((p) => `--${B}\r\n${p}\r\n`).join('') + `--${B}--\r\n`);

describe('multipart parsing', () => {
  it('reads the form grammY writes: no spaces after colons, unquoted filename', () => {
    const parts = parseMultipart(
      body([
        'content-disposition:form-data;name="chat_id"\r\n\r\n5',
        'content-disposition:form-data;name="f1";filename=b.png\r\ncontent-type:application/octet-stream\r\n\r\nab\r\nc',
      ]),
      `multipart/form-data; boundary=${B}`,
    );
    expect(parts.map((p) => [p.name, p.filename, p.data.toString()])).toEqual([
      ['chat_id', undefined, '5'],
      ['f1', 'b.png', 'ab\r\nc'],
    ]);
  });

  it('reads quoted and RFC 5987 file names, and refuses a body without its boundary', () => {
    const [a, b] = parseMultipart(
      body([
        'Content-Disposition: form-data; name="doc"; filename="名 单.csv"\r\nContent-Type: text/csv\r\n\r\nx',
        'Content-Disposition: form-data; name="d2"; filename*=UTF-8\'\'%E5%90%8D%E5%8D%95.txt\r\n\r\ny',
      ]),
      `multipart/form-data; boundary="${B}"`,
    );
    expect([a!.filename, a!.type, b!.filename]).toEqual(['名 单.csv', 'text/csv', '名单.txt']);
    expect(() => parseMultipart(Buffer.from('garbage'), `multipart/form-data; boundary=${B}`)).toThrow(
      /failed to parse multipart/,
    );
  });
});
