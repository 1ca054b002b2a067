/* impl_proto.h - the wire protocol between allocsh (impl_client.c) and
 * allocsh-runner, the process that runs a student's allocator.
 *
 * Transport: one AF_UNIX SOCK_SEQPACKET socketpair; the runner's end is its
 * fd 3.  SEQPACKET keeps message boundaries, so every message is exactly one
 * read() or write(), and a runner that dies is seen as end of file.
 *
 * Each message is a fixed-size struct, optionally followed by payload bytes
 * in the same packet: a WRITE request carries the bytes to write, a READ
 * reply the bytes read, a failed load or setup the error text.  `len` says
 * how many; a receiver checks that the packet is exactly that long.
 *
 * Conversation:
 *   runner -> READY       once, after it entered the sandbox (or SETUP with
 *                         the reason it could not; then it exits)
 *   HELLO   -> ret = bit mask of the APIs found (IMPL_WIRE_API_BIT(kind)), after
 *              loading the object; LOADFAIL with dlerror()'s text otherwise
 *   INIT(kind), CLEANUP(kind)  -> ret = the function's int
 *   ALLOC(kind, size)          -> value = the returned pointer
 *   FREE(kind, addr)           -> nothing
 *   READ(addr, len)            -> len bytes of payload
 *   WRITE(addr, len, bytes)    -> nothing
 *   HEAP                       -> value = bytes of malloc heap in use
 * Every reply echoes op and seq, and lists the mmap/munmap/mremap calls the
 * submission made while serving the request (mremap is an unmap of the old
 * range then a map of the new one), in call order.  Events beyond
 * IMPL_WIRE_EVENTS_MAX are counted in `lost`.
 *
 * If the submission makes a forbidden system call, the runner's SIGSYS
 * handler answers the pending request with FORBIDDEN (the call's number and
 * audit architecture) and exits with IMPL_EXIT_FORBIDDEN.
 *
 * Trust: the submission shares the runner's address space.  It can write
 * to fd 3 and forge replies, or corrupt the runner; the client rejects what
 * it can see is wrong (magic, seq, sizes, a second packet for one request),
 * but the results are not proof against a submission written to cheat the
 * protocol itself.  Both ends run on one machine, so structs are sent in
 * host byte order. */
#ifndef ALLOCSH_IMPL_PROTO_H
#define ALLOCSH_IMPL_PROTO_H

#include <stdint.h>

#define IMPL_PROTO_MAGIC 0x616c7331u /* "als1": changes with the layout */
#define IMPL_WIRE_DATA_MAX 16384u   /* payload bytes per packet */
#define IMPL_WIRE_EVENTS_MAX 32u    /* map events per reply */
#define IMPL_RUNNER_FD 3

/* Exit statuses of the runner that the client interprets. */
#define IMPL_EXIT_USAGE 64     /* bad command line or no socket on fd 3 */
#define IMPL_EXIT_SETUP 65     /* the sandbox could not be entered */
#define IMPL_EXIT_FORBIDDEN 66 /* a forbidden system call */

enum impl_op {
    IMPL_OP_READY = 1, /* reply only: the runner is up */
    IMPL_OP_HELLO,
    IMPL_OP_INIT,
    IMPL_OP_CLEANUP,
    IMPL_OP_ALLOC,
    IMPL_OP_FREE,
    IMPL_OP_READ,
    IMPL_OP_WRITE,
    IMPL_OP_HEAP
};

/* Reply status. */
enum impl_rstatus {
    IMPL_R_OK = 0,
    IMPL_R_NOFUNC,    /* the object lacks the function the request needs */
    IMPL_R_BADREQ,    /* malformed request; nothing was done */
    IMPL_R_LOADFAIL,  /* HELLO: the object could not be loaded; text follows */
    IMPL_R_SETUP,     /* READY: no sandbox, the runner exits; text follows */
    IMPL_R_FORBIDDEN  /* a forbidden system call; the runner exits */
};

/* Which allocator API a request addresses. */
enum impl_wire_kind { IMPL_WIRE_ALLOC = 0, IMPL_WIRE_EALLOC = 1 };
#define IMPL_WIRE_API_BIT(kind) (1u << (kind))

enum impl_wire_event_type { IMPL_WIRE_MAP = 1, IMPL_WIRE_UNMAP = 2 };

struct impl_req {
    uint32_t magic;
    uint32_t op;   /* enum impl_op */
    uint32_t seq;  /* echoed in the reply */
    uint32_t kind; /* enum impl_wire_kind */
    int32_t size;  /* ALLOC */
    uint32_t len;  /* READ, WRITE: bytes (WRITE's follow the struct) */
    uint64_t addr; /* FREE, READ, WRITE */
};

struct impl_wire_event {
    uint64_t addr;
    uint64_t len;
    uint32_t type; /* enum impl_wire_event_type */
    uint32_t pad;
};

struct impl_rep {
    uint32_t magic;
    uint32_t op;      /* the request's op, or IMPL_OP_READY */
    uint32_t seq;
    int32_t status;   /* enum impl_rstatus */
    int64_t ret;      /* int result, API mask, or errno for SETUP */
    uint64_t value;   /* ALLOC's pointer, HEAP's bytes */
    int32_t sysno;    /* FORBIDDEN: the system call number */
    uint32_t arch;    /* FORBIDDEN: its AUDIT_ARCH_* value */
    uint32_t nevents; /* entries of ev[] in use */
    uint32_t lost;    /* events that did not fit */
    uint32_t len;     /* payload bytes after the struct */
    uint32_t pad;
    struct impl_wire_event ev[IMPL_WIRE_EVENTS_MAX];
};

#endif /* ALLOCSH_IMPL_PROTO_H */
