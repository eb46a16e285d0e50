// col2im: scatter-adds the rows of a column matrix back onto an NHWC image,
// the second half of a transposed convolution computed as GEMM + col2im.
//   cols[(b, oy, ox), (ky, kx, ch)] adds to dx[b, oy·sy − pt + ky·dy, ox·sx − pl + kx·dx, ch]

#include <stdint.h>

typedef struct {
  int32_t n, oh, ow, h, w, c, fh, fw, sy, sx, pt, pl, dy, dx;
  const float* cols;
  float* out;
} Col2Im;

// Thread `t` of `threads` owns whole images, so no two threads add to one pixel.
void col2im_run(const Col2Im* g, int32_t t, int32_t threads) {
  int32_t row = g->fh * g->fw * g->c, image = g->h * g->w * g->c;
  for (int32_t b = t; b < g->n; b += threads) {
    float* out = g->out + b * image;
    for (int32_t i = 0; i < image; i++) out[i] = 0.0f;
    const float* col = g->cols + b * g->oh * g->ow * row;
    for (int32_t oy = 0; oy < g->oh; oy++) {
      for (int32_t ox = 0; ox < g->ow; ox++, col += row) {
        for (int32_t ky = 0; ky < g->fh; ky++) {
          int32_t iy = oy * g->sy - g->pt + ky * g->dy;
          if (iy < 0 || iy >= g->h) continue;
          for (int32_t kx = 0; kx < g->fw; kx++) {
            int32_t ix = ox * g->sx - g->pl + kx * g->dx;
            if (ix < 0 || ix >= g->w) continue;
            float* o = out + (iy * g->w + ix) * g->c;
            const float* s = col + (ky * g->fw + kx) * g->c;
            for (int32_t ch = 0; ch < g->c; ch++) o[ch] += s[ch];
          }
        }
      }
    }
  }
}
