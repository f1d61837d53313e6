// Pictures for the exhibitions, drawn by code: an old photograph, a chronicle page, two drawings.
#include <random>

#include "canvas.hpp"
#include "exhibits.hpp"

namespace sample {
namespace {

std::uint8_t clamp8(double v) { return static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0)); }

/// Brush-like strokes standing for handwritten characters in a cell at (x0, y0), `size` across.
void character(Canvas& c, std::mt19937& random, double x0, double y0, double size, Rgb ink, double width) {
    std::uniform_real_distribution<double> at(0.1, 0.9);
    const int strokes = 3 + static_cast<int>(random() % 5);
    for (int s = 0; s < strokes; ++s) {
        const bool across = random() % 3 != 0;
        const double x = x0 + at(random) * size, y = y0 + at(random) * size, len = size * (0.3 + 0.4 * at(random));
        if (across) c.line(x - len / 2, y, x + len / 2, y + len * 0.08, width, ink);
        else c.line(x, y - len / 2, x - len * 0.1, y + len / 2, width, ink);
    }
}

/// Paper: a base colour with fibres and blotches, darker towards the edges.
void paper(Canvas& c, Rgb base, unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<double> grain(0, 5);
    const double cx = c.width() / 2.0, cy = c.height() / 2.0;
    for (int y = 0; y < c.height(); ++y)
        for (int x = 0; x < c.width(); ++x) {
            const double edge = std::hypot((x - cx) / cx, (y - cy) / cy);
            const double tone = grain(random) - 22 * std::max(0.0, edge - 0.7) + 6 * std::sin(x * 0.013 + std::sin(y * 0.007) * 3);
            c.set(x, y, {clamp8(base.r + tone), clamp8(base.g + tone), clamp8(base.b + tone * 1.2)});
        }
}

}  // namespace

void old_photo(const fs::path& file) {
    Canvas c(1400, 1000, {0, 0, 0});
    std::mt19937 random(1958);
    const auto sepia = [](double v) { return Rgb{clamp8(v * 1.07 + 18), clamp8(v * 0.93 + 8), clamp8(v * 0.72)}; };
    const int border = 60;
    for (int y = 0; y < c.height(); ++y)
        for (int x = 0; x < c.width(); ++x) {
            double v = 200 - y * 0.05;                                             // sky
            const double hill = 430 + 70 * std::sin(x * 0.006) + 30 * std::sin(x * 0.021 + 1);
            if (y > hill) v = 120 + 25 * std::sin(x * 0.05 + y * 0.02) - (y - hill) * 0.05;  // hills
            if (y > 640) v = 150 - (y - 640) * 0.08;                                // the earthen dam
            if (y > 640 && y < 700 && std::fabs(x - 700) < 520) v = 170;           // its crest
            if (y > 820) v = 95 + 20 * std::sin(x * 0.3);                           // churned ground
            c.set(x, y, sepia(v));
        }
    // Villagers carrying baskets on shoulder poles along the dam: heads, bodies, poles, baskets.
    for (int p = 0; p < 26; ++p) {
        const double x = 220 + p * 38 + (random() % 15), y = 630 + (random() % 20), s = 0.8 + (random() % 40) / 100.0;
        const Rgb dark = sepia(40), cloth = sepia(70 + random() % 40);
        c.fill([&](double px, double py) { return in_ellipse(px, py, x, y - 58 * s, 7 * s, 8 * s); }, [&](double, double) { return dark; });
        c.fill([&](double px, double py) { return py > y - 50 * s && py < y && std::fabs(px - x) < (9 + (py - y + 50 * s) * 0.1) * s; },
               [&](double, double) { return cloth; });
        c.line(x - 22 * s, y - 44 * s, x + 22 * s, y - 48 * s, 2, dark);
        for (double side : {-1.0, 1.0}) c.fill([&](double px, double py) { return in_ellipse(px, py, x + side * 22 * s, y - 28 * s, 8 * s, 7 * s); },
                                              [&](double, double) { return dark; });
    }
    // A red flag is grey in an old photograph.
    c.line(1120, 640, 1120, 470, 4, sepia(50));
    c.fill([](double x, double y) { return x > 1122 && x < 1200 && y > 472 && y < 520 - (x - 1122) * 0.1; }, [&](double, double) { return sepia(85); });
    // Grain, scratches, vignette and the white border of a contact print.
    std::normal_distribution<double> grain(0, 10);
    for (int y = 0; y < c.height(); ++y)
        for (int x = 0; x < c.width(); ++x) {
            const Rgb p = c.get(x, y);
            const double vignette = 1 - 0.35 * std::pow(std::hypot((x - 700.0) / 700, (y - 500.0) / 500), 2);
            const double n = grain(random);
            c.set(x, y, {clamp8(p.r * vignette + n), clamp8(p.g * vignette + n), clamp8(p.b * vignette + n)});
        }
    for (int s = 0; s < 4; ++s) {  // a few fine scratches
        const double x = 100 + random() % 1200, y = 80 + random() % 500;
        c.line(x, y, x + (random() % 30) - 15, y + 120 + random() % 260, 0, sepia(215));
    }
    for (int y = 0; y < c.height(); ++y)
        for (int x = 0; x < c.width(); ++x)
            if (x < border || y < border || x >= c.width() - border || y >= c.height() - border) c.set(x, y, {238, 232, 218});
    c.save_bmp(file);
}

void chronicle_scan(const fs::path& file) {
    Canvas c(1000, 1400, {0, 0, 0});
    paper(c, {226, 208, 170}, 1958);
    const Rgb rule{178, 60, 50}, ink{36, 30, 28};
    c.rect(80, 100, 920, 1300, 3, rule);
    for (int col = 1; col < 10; ++col) c.line(80 + col * 84, 100, 80 + col * 84, 1300, 1, rule);  // ruled columns
    std::mt19937 random(1958);
    for (int col = 0; col < 10; ++col) {  // read top to bottom, right to left; the last column is half empty
        const int rows = col == 9 ? 8 : 16 - static_cast<int>(random() % 2);
        for (int row = 0; row < rows; ++row) character(c, random, 852 - col * 84, 120 + row * 72, 66, ink, 3);
    }
    // The village committee's seal: a red square with a frame.
    const Rgb seal{200, 40, 36};
    c.fill([](double x, double y) { return x > 150 && x < 290 && y > 1110 && y < 1250; }, [&](double x, double y) {
        return (static_cast<int>(x * 7 + y * 3) % 11 == 0) ? Rgb{226, 170, 150} : seal;
    });
    for (int k = 0; k < 4; ++k) character(c, random, 160 + (k % 2) * 62, 1120 + (k / 2) * 62, 58, {240, 210, 190}, 4);
    c.save_bmp(file);
}

void lathe_blueprint(const fs::path& file) {
    Canvas c(1600, 1100, {0, 0, 0});
    paper(c, {28, 62, 128}, 1965);
    const Rgb line{226, 236, 246}, faint{110, 140, 190};
    for (int x = 0; x < c.width(); x += 40) c.line(x, 0, x, c.height(), 0, faint);  // the drawing grid
    for (int y = 0; y < c.height(); y += 40) c.line(0, y, c.width(), y, 0, faint);
    c.rect(40, 40, 1560, 1060, 3, line);
    // Elevation of the lathe at 1:10 (1 m = 500 px): legs, bed, headstock, chuck, carriage, tailstock.
    const double ox = 150, oy = 820, m = 500;
    const auto box = [&](double x0, double y0, double x1, double y1) { c.rect(ox + x0 * m, oy - y1 * m, ox + x1 * m, oy - y0 * m, 3, line); };
    box(0.05, 0, 0.35, 0.75);
    box(1.75, 0, 2.05, 0.75);
    box(0, 0.75, 2.1, 0.95);
    box(0, 0.95, 0.45, 1.35);
    box(0.45, 1.03, 0.6, 1.27);
    box(0.9, 0.95, 1.2, 1.05);
    box(1.7, 0.95, 1.95, 1.2);
    c.line(ox + 0.6 * m, oy - 1.15 * m, ox + 1.7 * m, oy - 1.15 * m, 1, line);  // the work's centre line, dashed
    for (double x = 0.6; x < 1.7; x += 0.08) c.line(ox + x * m, oy - 1.15 * m, ox + (x + 0.04) * m, oy - 1.15 * m, 3, line);
    // A dimension line under the bed with its arrows and extension lines.
    const double dy = oy + 60;
    c.line(ox, oy + 10, ox, dy + 20, 1, line);
    c.line(ox + 2.1 * m, oy + 10, ox + 2.1 * m, dy + 20, 1, line);
    c.line(ox, dy, ox + 2.1 * m, dy, 1, line);
    for (double side : {0.0, 1.0}) {
        const double x = ox + side * 2.1 * m, dir = side ? -1 : 1;
        c.line(x, dy, x + dir * 24, dy - 8, 2, line);
        c.line(x, dy, x + dir * 24, dy + 8, 2, line);
    }
    std::mt19937 random(616);
    for (int k = 0; k < 4; ++k) character(c, random, ox + 1.0 * m + k * 26, dy - 34, 24, line, 2);  // "2100"
    // The title block, bottom right.
    c.rect(1100, 900, 1540, 1040, 3, line);
    c.line(1100, 950, 1540, 950, 2, line);
    c.line(1300, 900, 1300, 1040, 2, line);
    for (int k = 0; k < 6; ++k) character(c, random, 1112 + k * 30, 910, 28, line, 2);
    for (int k = 0; k < 10; ++k) character(c, random, 1110 + (k % 5) * 36, 962 + (k / 5) * 38, 30, line, 2);
    for (int k = 0; k < 8; ++k) character(c, random, 1315 + (k % 4) * 52, 962 + (k / 4) * 38, 30, line, 2);
    c.save_bmp(file);
}

void kiln_section(const fs::path& file) {
    Canvas c(1400, 1100, {0, 0, 0});
    paper(c, {232, 222, 196}, 1972);
    const Rgb ink{40, 36, 40}, hatch{120, 100, 90}, red{170, 50, 40};
    c.rect(40, 40, 1360, 1060, 3, ink);
    // Section through the kiln at 1:50 (1 m = 120 px): walls hatched, the dome, the chimney.
    const double ox = 520, oy = 900, m = 120;
    const auto wall = [&](double r_in, double r_out) {
        c.fill([&](double x, double y) {
                   const double r = std::fabs(x - ox) / m, h = (oy - y) / m;
                   if (h < 0 || h > 3.9) return false;
                   const double inner = h < 2.2 ? r_in : r_in * std::sqrt(std::max(0.0, 1 - std::pow((h - 2.2) / 1.5, 2)));
                   const double outer = h < 2.2 ? r_out : r_out * std::sqrt(std::max(0.0, 1 - std::pow((h - 2.2) / 1.7, 2)));
                   return r >= inner && r <= outer;
               },
               [&](double x, double y) { return static_cast<int>(x + y) % 14 < 3 ? hatch : Rgb{214, 200, 176}; });
    };
    wall(2.0, 2.3);
    c.line(ox - 2.5 * m, oy, ox + 2.5 * m, oy, 4, ink);  // floor
    for (int k = -4; k <= 4; ++k) c.line(ox + k * 0.4 * m, oy - 4, ox + k * 0.4 * m, oy - 14, 2, ink);  // flue holes in the floor
    // The flue under the floor to the chimney, and the chimney.
    c.rect(ox, oy + 10, ox + 3.6 * m, oy + 0.5 * m, 2, ink);
    c.rect(ox + 3.4 * m, oy - 5.8 * m, ox + 3.9 * m, oy + 0.5 * m, 3, ink);
    // Arrows: the flame rises to the dome and is drawn down through the ware to the floor (倒焰).
    const auto arrow = [&](double x0, double y0, double x1, double y1) {
        c.line(x0, y0, x1, y1, 3, red);
        const double a = std::atan2(y1 - y0, x1 - x0);
        c.line(x1, y1, x1 - 18 * std::cos(a - 0.4), y1 - 18 * std::sin(a - 0.4), 3, red);
        c.line(x1, y1, x1 - 18 * std::cos(a + 0.4), y1 - 18 * std::sin(a + 0.4), 3, red);
    };
    arrow(ox - 1.8 * m, oy - 0.3 * m, ox - 1.8 * m, oy - 2.6 * m);
    arrow(ox - 1.6 * m, oy - 3.2 * m, ox - 0.4 * m, oy - 3.5 * m);
    arrow(ox, oy - 3.0 * m, ox, oy - 0.6 * m);
    arrow(ox + 0.5 * m, oy + 0.3 * m, ox + 3.3 * m, oy + 0.3 * m);
    arrow(ox + 3.65 * m, oy - 0.5 * m, ox + 3.65 * m, oy - 5.0 * m);
    std::mt19937 random(1972);
    for (int k = 0; k < 8; ++k) character(c, random, 1010 + (k % 4) * 80, 920 + (k / 4) * 60, 50, ink, 3);
    c.save_bmp(file);
}

}  // namespace sample
