using Microsoft.Extensions.Logging;

namespace SimpleActors.Fuzz;

/// <summary>
/// The loggers of the edge under fuzzing: silent, except that the first exception logged as a warning or an error is kept.
/// The edge answers 500 when its transaction user throws and logs why, and the transaction layer logs a response it could
/// not send (the fuzzer's sender fails only when the message cannot be serialized); for the fuzzer either is a crash.
/// </summary>
internal sealed class FailureLog : ILoggerFactory, ILogger
{
    private Exception? first;

    /// <summary>The first warning or error logged with an exception since the last call, or null; and forgets it.</summary>
    public Exception? Take() => Interlocked.Exchange(ref first, null);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning && exception is not null)
        {
            Interlocked.CompareExchange(ref first, new FuzzFinding(formatter(state, exception), exception), null);
        }
    }

    public void Dispose()
    {
    }
}
