import Logging

/// Wraps the real log handler so personal data cannot reach the logs through the frameworks.
/// FluentKit logs every query at debug with its input values and filters ("Running query"),
/// which hold names, CRNs and notes; Waymark treats that like SQL, shown only at trace, a level
/// for a developer's own machine. Waymark's own lines carry ids only (see RequestLogMiddleware).
public struct PersonalDataLogFilter: LogHandler {
    private var wrapped: any LogHandler

    public init(_ wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        if Self.carriesRecordValues(message), logLevel > .trace { return }
        wrapped.log(level: level, message: message, metadata: metadata, source: source, file: file, function: function, line: line)
    }

    static func carriesRecordValues(_ message: Logger.Message) -> Bool {
        message.description == "Running query"
    }
}
