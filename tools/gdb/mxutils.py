# tools/gdb/mxutils.py: reading the kernel's C structures from gdb's Python.
#
# What Linux's scripts/gdb/linux/utils.py and lists.py give its lx-*
# commands: types looked up once per gdb session, container_of, and the
# walks of include/linux/list.h's lists.  Everything goes through gdb's
# type information (the DWARF of build/matryoshka.elf), so a field that
# moves in a header moves here too.
import gdb


class CachedType:
    """A type looked up when first needed (gdb may not have the ELF yet at
    import time), forgotten when a new ELF is loaded."""

    def __init__(self, name):
        self._name = name
        self._type = None
        gdb.events.new_objfile.connect(self._forget)

    def _forget(self, event):
        self._type = None

    def get_type(self):
        if self._type is None:
            self._type = gdb.lookup_type(self._name)
        return self._type

    def pointer(self):
        return self.get_type().pointer()


def offset_of(type_, field):
    """offsetof(type_, field), field possibly "a.b" for a nested member."""
    offset = 0
    for name in field.split("."):
        member = next(f for f in type_.fields() if f.name == name)
        offset += member.bitpos // 8
        type_ = member.type.strip_typedefs()
    return offset


def container_of(ptr, type_, member):
    """The structure of type @type_ (a CachedType) whose @member @ptr points to."""
    addr = int(ptr) - offset_of(type_.get_type(), member)
    return gdb.Value(addr).cast(type_.pointer()).dereference()


def list_for_each_entry(head, type_, member):
    """The structures on list @head (a struct list_head value), as list.h's macro."""
    head_addr = int(head.address)
    node = head["next"]
    while int(node) != head_addr:
        yield container_of(node, type_, member)
        node = node["next"]


def hlist_for_each_entry(head, type_, member):
    """The structures on hlist @head (a struct hlist_head value)."""
    node = head["first"]
    while int(node):
        yield container_of(node, type_, member)
        node = node["next"]


def symbol_value(name, file=None):
    """A global, or a file's static (`'kernel/pid.c'::pid_hash`): several files
    may have a static of the same name."""
    return gdb.parse_and_eval("'%s'::%s" % (file, name) if file else name)


def string(array):
    """A char array or char * as a Python str."""
    return array.string(errors="replace")


def hexaddr(value):
    return "0x%016x" % (int(value) & 0xffffffffffffffff)
