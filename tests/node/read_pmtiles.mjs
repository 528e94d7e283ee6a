// Reads a PMTiles archive with protomaps' own decoder (npm "pmtiles") and prints, as one JSON
// object: the header, the JSON metadata, the number of leaf directories, and every tile the
// directories address (z/x/y, tile id, and the bytes getZxy returns as hex, i.e. after the decoder
// removed the tile compression). layoutd's tests compare it with what they wrote,
// so the C++ writer is checked by a reader it shares no code with.
//   node read_pmtiles.mjs ARCHIVE.pmtiles
import { open } from "node:fs/promises";
import { PMTiles, tileIdToZxy } from "pmtiles";

// A local file as a pmtiles Source (the package's FileSource wants a browser File).
class LocalFileSource {
  constructor(path, handle) {
    this.path = path;
    this.handle = handle;
  }
  getKey() {
    return this.path;
  }
  async getBytes(offset, length) {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
    return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) };
  }
}

async function main(path) {
  const handle = await open(path, "r");
  try {
    const source = new LocalFileSource(path, handle);
    const archive = new PMTiles(source);
    const header = await archive.getHeader();
    const metadata = await archive.getMetadata();

    // Walk the directories the way a client does: the root, then each leaf it points to.
    const ids = [];
    let leafDirectories = 0;
    const walk = async (offset, length) => {
      const entries = await archive.cache.getDirectory(source, offset, length, header);
      for (const entry of entries) {
        if (entry.runLength === 0) {
          leafDirectories += 1;
          await walk(header.leafDirectoryOffset + entry.offset, entry.length);
        } else {
          for (let i = 0; i < entry.runLength; i += 1) ids.push(entry.tileId + i);
        }
      }
    };
    await walk(header.rootDirectoryOffset, header.rootDirectoryLength);

    // Each tile fetched by z/x/y through the public lookup, not from the entries walked above.
    const tiles = [];
    for (const id of ids) {
      const [z, x, y] = tileIdToZxy(id);
      const response = await archive.getZxy(z, x, y);
      const bytes = new Uint8Array(response.data);
      tiles.push({ z, x, y, id, hex: Buffer.from(bytes).toString("hex") });
    }
    const { etag, ...plainHeader } = header;
    process.stdout.write(JSON.stringify({ header: plainHeader, metadata, leafDirectories, tiles }) + "\n");
  } finally {
    await handle.close();
  }
}

if (process.argv.length !== 3) {
  process.stderr.write("usage: node read_pmtiles.mjs ARCHIVE.pmtiles\n");
  process.exit(2);
}
main(process.argv[2]).catch((error) => {
  process.stderr.write(`read_pmtiles: ${error.stack ?? error}\n`);
  process.exit(1);
});
