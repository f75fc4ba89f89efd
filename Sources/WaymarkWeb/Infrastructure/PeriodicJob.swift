import Vapor

/// Background work that runs while the server is up: the notification outbox every few seconds,
/// retention once a day. Started when the application boots, cancelled when it shuts down.
struct PeriodicJob: LifecycleHandler {
    /// Seconds before the first run, and between runs after it.
    let firstDelay: Double
    let interval: Double
    let work: @Sendable (Application) async -> Void

    final class Box: @unchecked Sendable {
        // Set once at boot and cancelled once at shutdown, on the application's own lifecycle.
        var task: Task<Void, Never>?
    }
    let box = Box()

    func didBootAsync(_ app: Application) async throws {
        let (first, interval, work) = (firstDelay, self.interval, self.work)
        box.task = Task {
            var wait = first
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(wait))
                wait = interval
                if Task.isCancelled { break }
                await work(app)
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        box.task?.cancel()
    }
}
