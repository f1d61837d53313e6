// Visit events to the library's usage log (wenyuan/usage.hpp). A failing log is reported once
// on stderr and never stops the visitor.
#include "app/usage.hpp"

#include <cstdio>

#include "wenyuan/usage.hpp"

namespace wenyuan::kiosk {

struct UsageRecorder::Impl {
    UsageLog log;
    std::int64_t visit = 0;
    std::int64_t view = 0;      ///< the exhibit open now
    std::int64_t tour_run = 0;  ///< the tour under way
    bool complained = false;
};

UsageRecorder::UsageRecorder(const std::filesystem::path& file) {
    auto log = UsageLog::open(file);
    if (!log) {
        problem_ = "usage log: " + log.error().message + " (the kiosk runs without it)";
        return;
    }
    impl_ = std::make_unique<Impl>(Impl{std::move(*log)});
}

UsageRecorder::~UsageRecorder() {
    if (impl_ && impl_->view) (void)impl_->log.exhibit_closed(impl_->view);
    if (impl_ && impl_->visit) (void)impl_->log.end_visit(impl_->visit);
}

bool UsageRecorder::enabled() const noexcept { return impl_ != nullptr; }

void UsageRecorder::record(const VisitEvent& event, const Museum& museum) {
    ++recorded_;
    if (!impl_) return;
    Impl& u = *impl_;
    auto check = [&](const auto& result) {
        if (!result && !u.complained) {
            std::fprintf(stderr, "wenyuan-kiosk: usage log: %s (going on without logging)\n", result.error().message.c_str());
            u.complained = true;
        }
    };
    auto slug = [&](int exhibition) {
        return exhibition >= 0 && exhibition < int(museum.exhibitions.size()) ? museum.exhibitions[std::size_t(exhibition)].slug
                                                                                : std::string();
    };
    switch (event.kind) {
    case VisitEvent::Kind::visit_started: {
        auto visit = u.log.begin_visit();
        check(visit);
        u.visit = visit ? *visit : 0;
        break;
    }
    case VisitEvent::Kind::visit_ended:
        if (u.visit) check(u.log.end_visit(u.visit));
        u.visit = 0;
        break;
    case VisitEvent::Kind::exhibit_opened: {
        if (event.exhibit < 0 || event.exhibit >= long(museum.exhibits.size())) break;
        auto view = u.log.exhibit_opened(u.visit, slug(event.exhibition), museum.exhibits[std::size_t(event.exhibit)].item_id);
        check(view);
        u.view = view ? *view : 0;
        break;
    }
    case VisitEvent::Kind::exhibit_viewed:
        if (u.view) check(u.log.exhibit_closed(u.view));
        u.view = 0;
        break;
    case VisitEvent::Kind::search: check(u.log.searched(u.visit, event.query, event.results)); break;
    case VisitEvent::Kind::tour_started: {
        const std::string exhibition = slug(event.exhibition);
        const std::string title = event.exhibition >= 0 && event.exhibition < int(museum.exhibitions.size())
                                      ? museum.exhibitions[std::size_t(event.exhibition)].tour_title
                                      : std::string();
        auto run = u.log.tour_started(u.visit, exhibition, title);
        check(run);
        u.tour_run = run ? *run : 0;
        break;
    }
    case VisitEvent::Kind::tour_finished:
        if (u.tour_run) check(u.log.tour_finished(u.tour_run));
        u.tour_run = 0;
        break;
    case VisitEvent::Kind::rating:
        if (u.visit) check(u.log.rate_visit(u.visit, event.rating));
        break;
    }
}

}  // namespace wenyuan::kiosk
