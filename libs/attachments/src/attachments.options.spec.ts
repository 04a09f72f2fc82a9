import { attachmentLimitsFromEnv, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, describeBytes } from './attachments.options';

describe('attachment limits', () => {
  it('defaults to 20 MiB and 10 files', () => {
    expect(attachmentLimitsFromEnv({})).toEqual({ maxBytes: DEFAULT_MAX_BYTES, maxFiles: DEFAULT_MAX_FILES });
    expect(DEFAULT_MAX_BYTES).toBe(20 * 1024 * 1024);
  });

  it('reads the environment and refuses a bad value naming the variable', () => {
    expect(attachmentLimitsFromEnv({ ATTACHMENTS_MAX_BYTES: '1048576', ATTACHMENTS_MAX_FILES: '1' })).toEqual({ maxBytes: 1048576, maxFiles: 1 });
    expect(() => attachmentLimitsFromEnv({ ATTACHMENTS_MAX_BYTES: '20MB' })).toThrow('ATTACHMENTS_MAX_BYTES must be a positive integer (got "20MB")');
    expect(() => attachmentLimitsFromEnv({ ATTACHMENTS_MAX_FILES: '0' })).toThrow(/^ATTACHMENTS_MAX_FILES/);
  });

  it('describes limits the way people say them', () => {
    expect(describeBytes(20 * 1024 * 1024)).toBe('20 MiB');
    expect(describeBytes(512 * 1024)).toBe('512 KiB');
    expect(describeBytes(1000)).toBe('1000 bytes');
  });
});
