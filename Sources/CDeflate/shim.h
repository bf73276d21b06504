#ifndef CDEFLATE_SHIM_H
#define CDEFLATE_SHIM_H
/* libdeflate (Debian: libdeflate-dev): its CRC-32 is gzip's and zlib's, computed with carry-less
   multiplication (PCLMULQDQ) where the CPU has it, about three times faster than zlib's. */
#include <libdeflate.h>
#endif
