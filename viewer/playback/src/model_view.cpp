#include "kiosk/model_view.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <optional>
#include <thread>

#include "glb_mesh.hpp"
#include "mesh_solid.hpp"
#include "model_renderer.hpp"

namespace wenyuan::kiosk {
namespace {

// One background load of one level: parse on a thread, hand the result over once.
class LoadJob {
public:
    LoadJob(std::filesystem::path file, GlbLimits limits, std::size_t level) : level_(level) {
        thread_ = std::thread([this, file = std::move(file), limits] {
            auto result = load_glb(file, limits, &cancel_);
            const FaceCull cull = result ? solid_face_cull(*result, 2'000'000, &cancel_) : FaceCull::none;
            std::lock_guard lock(mutex_);
            result_.emplace(std::move(result));
            cull_ = cull;
        });
    }
    ~LoadJob() {
        cancel_ = true;
        thread_.join();
    }
    LoadJob(const LoadJob&) = delete;
    LoadJob& operator=(const LoadJob&) = delete;

    std::size_t level() const { return level_; }
    /// Which faces the renderer may cull (mesh_solid.hpp); valid once take() gave the result.
    FaceCull cull() {
        std::lock_guard lock(mutex_);
        return cull_;
    }
    /// The result once the worker is done; nullopt while it runs.
    std::optional<Result<MeshData>> take() {
        std::lock_guard lock(mutex_);
        if (!result_) return std::nullopt;
        auto out = std::move(result_);
        result_.reset();
        return out;
    }

private:
    std::size_t level_;
    std::atomic<bool> cancel_{false};
    std::mutex mutex_;
    std::optional<Result<MeshData>> result_;
    FaceCull cull_ = FaceCull::none;
    std::thread thread_;
};

}  // namespace

struct ModelView::Impl {
    Options options;
    State state = State::empty;
    std::string error, warning;
    std::vector<LodAsset> levels;
    bool start_pending = false;
    int shown = -1;
    std::size_t triangles = 0;
    std::optional<ModelRenderer> renderer;
    std::string renderer_error;
    std::string gl_info;
    std::unique_ptr<LoadJob> job;
    std::optional<LodGovernor> governor;
    OrbitCamera camera;
    bool framed = false;

    bool ensure_renderer() {
        if (renderer) return true;
        if (!renderer_error.empty()) return false;
        auto created = ModelRenderer::create(options.max_glsl_version);
        if (!created) {
            renderer_error = created.error().message;
            return false;
        }
        renderer.emplace(std::move(*created));
        options.budget.max_texture_size = std::max(64, renderer->max_texture_size());
        const char* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const std::string renderer_name = name ? name : "unknown renderer";
        bool software = false;
        for (const char* s : {"llvmpipe", "softpipe", "Software Rasterizer", "swrast"})
            software = software || renderer_name.find(s) != std::string::npos;
        if (options.budget.max_triangles == 0) options.budget.max_triangles = LodBudget::triangles_for(software);
        gl_info = "GLSL " + std::to_string(renderer->glsl_version()) + "; GL_MAX_TEXTURE_SIZE " +
                  std::to_string(renderer->max_texture_size()) + "; " + renderer_name + "; triangle budget " +
                  std::to_string(options.budget.max_triangles);
        return true;
    }

    void start(std::size_t level) {
        job.reset();
        GlbLimits limits;
        limits.max_texture_size = std::min(options.budget.max_texture_size, 4096);
        job = std::make_unique<LoadJob>(levels[level].file, limits, level);
    }
};

ModelView::ModelView() : ModelView(Options{}) {}
ModelView::ModelView(Options options) : impl_(std::make_unique<Impl>()) { impl_->options = options; }
ModelView::~ModelView() = default;
ModelView::ModelView(ModelView&&) noexcept = default;
ModelView& ModelView::operator=(ModelView&&) noexcept = default;

void ModelView::load(std::vector<LodAsset> levels) {
    clear();
    Impl& p = *impl_;
    if (levels.empty()) {
        p.state = State::error;
        p.error = "model view: the item has no model to show";
        return;
    }
    std::stable_sort(levels.begin(), levels.end(), [](const LodAsset& a, const LodAsset& b) { return a.triangles > b.triangles; });
    p.levels = std::move(levels);
    p.state = State::loading;
    p.start_pending = true;
}

void ModelView::load_file(const std::filesystem::path& file) { load({LodAsset{file, 0, 0}}); }

void ModelView::clear() {
    Impl& p = *impl_;
    p.job.reset();
    if (p.renderer) p.renderer->clear_mesh();
    p.state = State::empty;
    p.error.clear();
    p.warning.clear();
    p.levels.clear();
    p.start_pending = false;
    p.shown = -1;
    p.triangles = 0;
    p.governor.reset();
    p.framed = false;
}

bool ModelView::update() {
    Impl& p = *impl_;
    if (p.state == State::empty || p.state == State::error) return false;
    if (!p.ensure_renderer()) {
        p.job.reset();
        p.state = State::error;
        p.error = p.renderer_error;
        return false;
    }
    if (p.start_pending) {
        p.start_pending = false;
        const std::size_t level = choose_lod(p.levels, p.options.budget);
        std::vector<std::size_t> triangles;
        for (const LodAsset& l : p.levels) triangles.push_back(l.triangles);
        p.governor.emplace(std::move(triangles), level, p.options.budget);
        p.start(level);
    }
    if (!p.job) return false;
    auto result = p.job->take();
    if (!result) return false;
    const std::size_t level = p.job->level();
    const FaceCull cull = p.job->cull();
    p.job.reset();
    if (!*result) {
        const std::string message = result->error().message;
        if (p.shown >= 0) {  // keep the level on screen
            p.warning = message;
            p.governor->set_level(std::size_t(p.shown));
        } else if (level + 1 < p.levels.size()) {  // try the next coarser level
            p.warning = message;
            p.governor->set_level(level + 1);
            p.start(level + 1);
        } else {
            p.state = State::error;
            p.error = message;
        }
        return false;
    }
    const MeshData& mesh = **result;
    p.renderer->upload(mesh, cull);
    if (!mesh.warnings.empty()) p.warning = mesh.warnings.front();
    p.shown = int(level);
    p.triangles = mesh.triangles;
    p.state = State::ready;
    if (!p.framed) {  // keep the visitor's view when only the level changes
        const std::array<float, 3> centre{(mesh.min[0] + mesh.max[0]) / 2, (mesh.min[1] + mesh.max[1]) / 2,
                                          (mesh.min[2] + mesh.max[2]) / 2};
        float radius = 0;
        for (int c = 0; c < 3; ++c) radius += (mesh.max[c] - mesh.min[c]) * (mesh.max[c] - mesh.min[c]);
        p.camera.frame(centre, std::sqrt(radius) / 2);
        p.framed = true;
    }
    return true;
}

void ModelView::draw(const Viewport& viewport, double last_frame_ms) {
    Impl& p = *impl_;
    if (!p.ensure_renderer()) return;
    p.renderer->draw(viewport, p.camera, p.options.background, p.options.clear_background);
    if (p.options.adapt_to_frame_time && p.governor && !p.job && p.state == State::ready) {
        if (auto step = p.governor->on_frame(last_frame_ms); step && int(*step) != p.shown) p.start(*step);
    }
}

OrbitCamera& ModelView::camera() noexcept { return impl_->camera; }
ModelView::State ModelView::state() const { return impl_->state; }
const std::string& ModelView::error() const { return impl_->error; }
const std::string& ModelView::warning() const { return impl_->warning; }
int ModelView::current_level() const { return impl_->shown; }
const std::vector<LodAsset>& ModelView::levels() const { return impl_->levels; }
std::size_t ModelView::triangles() const { return impl_->triangles; }
std::string ModelView::gl_info() const { return impl_->gl_info; }

}  // namespace wenyuan::kiosk
