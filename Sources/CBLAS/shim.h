#ifndef CBLAS_SHIM_H
#define CBLAS_SHIM_H
/* OpenBLAS's CBLAS interface (Debian: libopenblas-dev). */
#include <cblas.h>
#endif
