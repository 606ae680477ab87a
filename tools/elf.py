"""tools/elf.py: what the build tools read from an x86_64 ELF file: its type,
its interpreter (PT_INTERP), its DT_NEEDED libraries and whether it is a
program a kernel can execute.  Python's standard library only."""
import struct

ET_EXEC, ET_DYN = 2, 3
PT_LOAD, PT_DYNAMIC, PT_INTERP = 1, 2, 3
DT_NEEDED, DT_STRTAB, DT_FLAGS_1 = 1, 5, 0x6ffffffb
DF_1_PIE = 0x08000000


class Elf:
    """An ELF64 file's header fields, interpreter and dynamic entries."""

    def __init__(self, data):
        self.e_type, = struct.unpack_from("<H", data, 16)
        phoff, = struct.unpack_from("<Q", data, 32)
        phentsize, phnum = struct.unpack_from("<HH", data, 54)
        self.phdrs = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize)
                      for i in range(phnum)]
        self.interp, self.dynamic = None, []
        for p_type, _, off, _, _, filesz, _, _ in self.phdrs:
            if p_type == PT_INTERP:
                self.interp = data[off:off + filesz].rstrip(b"\0").decode()
            elif p_type == PT_DYNAMIC:
                self.dynamic = [struct.unpack_from("<qQ", data, off + i)
                                for i in range(0, filesz - 15, 16)]
        self.needed = self._needed(data)

    def _offset(self, vaddr):
        """The file offset of virtual address @vaddr (in a PT_LOAD segment)."""
        for p_type, _, off, start, _, filesz, _, _ in self.phdrs:
            if p_type == PT_LOAD and start <= vaddr < start + filesz:
                return vaddr - start + off
        return None

    def _needed(self, data):
        strtab = next((v for t, v in self.dynamic if t == DT_STRTAB), None)
        base = self._offset(strtab) if strtab is not None else None
        names = []
        for t, v in self.dynamic:
            if t == DT_NEEDED and base is not None:
                end = data.index(b"\0", base + v)
                names.append(data[base + v:end].decode())
        return names

    def is_program(self):
        """An executable, not a shared library: ET_EXEC, or a PIE (ET_DYN with
        an interpreter, or marked DF_1_PIE as a static PIE is)."""
        if self.e_type == ET_EXEC:
            return True
        flags = next((v for t, v in self.dynamic if t == DT_FLAGS_1), 0)
        return self.e_type == ET_DYN and (self.interp is not None or bool(flags & DF_1_PIE))


def read(path):
    """The Elf of @path, or None if it is not an x86_64 ELF64 file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or len(data) < 64 or data[18] != 62:
        return None
    return Elf(data)


def is_program(path):
    elf = read(path)
    return elf is not None and elf.is_program()
