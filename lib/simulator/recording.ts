import type { SimCall } from "./types";

// PLACEHOLDER (being replaced by the voice/recording work): silence of the right length, PCM16 mono.
export interface RenderedRecording {
  size: number;
  read(start: number, endInclusive: number): Buffer;
}

export function recordingFor(call: SimCall): RenderedRecording {
  const dataBytes = Math.round(((call.recording?.durationMs ?? 0) / 1000) * 8000) * 2;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(dataBytes, 40);
  const size = 44 + dataBytes;
  return {
    size,
    read(start, end) {
      const out = Buffer.alloc(end - start + 1);
      if (start < 44) header.copy(out, 0, start, Math.min(44, end + 1));
      return out;
    },
  };
}
