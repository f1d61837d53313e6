// The GL entry points the kiosk calls itself (textures, read-back), from the system's libGL.
// Only .cpp files include this; headers forward-declare.
#pragma once

#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
