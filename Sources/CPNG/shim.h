#ifndef CPNG_SHIM_H
#define CPNG_SHIM_H
/* libpng (Debian: libpng-dev); the simplified png_image API is enough to decode 8-bit gray/RGB(A). */
#include <png.h>
#endif
