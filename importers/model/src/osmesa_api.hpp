// OSMesa and the GL 1.x entry points the poster uses, loaded with dlopen on first use. Only the
// isolated child that renders a poster pays for Mesa and LLVM (about 50 MB of relocated pages);
// the CLI and every other program that links the model importer start without them.
#pragma once

#include <GL/osmesa.h>

#include "wenyuan/result.hpp"

namespace wenyuan::model {

#define WENYUAN_OSMESA_FUNCTIONS(X)                                                                           \
    X(OSMesaCreateContextExt) X(OSMesaMakeCurrent) X(OSMesaPixelStore) X(OSMesaDestroyContext)               \
    X(glViewport) X(glClearColor) X(glClear) X(glEnable) X(glDisable) X(glMatrixMode) X(glLoadIdentity)       \
    X(glFrustum) X(glLoadMatrixd) X(glPushMatrix) X(glPopMatrix) X(glLightModelfv) X(glLightModeli)           \
    X(glLightfv) X(glColorMaterial) X(glShadeModel) X(glTexEnvi) X(glGenTextures) X(glBindTexture)            \
    X(glDeleteTextures) X(glPixelStorei) X(glTexParameteri) X(glTexImage2D) X(glEnableClientState)            \
    X(glDisableClientState) X(glVertexPointer) X(glNormalPointer) X(glNormal3f) X(glColor4f)                  \
    X(glColorPointer) X(glTexCoordPointer) X(glDrawElements) X(glFinish)

struct OsMesaApi {
#define WENYUAN_OSMESA_FIELD(name) decltype(&::name) name = nullptr;
    WENYUAN_OSMESA_FUNCTIONS(WENYUAN_OSMESA_FIELD)
#undef WENYUAN_OSMESA_FIELD
};

/// The loaded API, the same object on every call; loaded once per process.
/// Errors: Errc::unsupported when libOSMesa.so.8 (Debian libosmesa6) or one of its functions is
/// missing; the message says which. Thread-safe.
Result<const OsMesaApi*> osmesa_api();

}  // namespace wenyuan::model
