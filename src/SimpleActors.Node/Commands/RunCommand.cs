using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleActors.Node.Configuration;
using SimpleActors.Node.Hosting;

namespace SimpleActors.Node.Commands;

/// <summary><c>simpleactors run</c>: starts a node and runs it until Ctrl+C or SIGTERM.</summary>
internal static partial class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config")
        {
            Description = "A JSON configuration file layered over config/simpleactors.json.",
        };
        var dataDirectory = new Option<DirectoryInfo?>("--data-dir")
        {
            Description = "The data directory (DataDirectory), home of the embedded SQLite database.",
        };
        var hostname = new Option<string?>("--hostname")
        {
            Description = "The cluster address to bind and advertise (Cluster:Hostname).",
        };
        var port = new Option<int?>("--port")
        {
            Description = "The cluster port, 0 for any free port (Cluster:Port).",
        };

        var noAuth = new Option<bool>("--no-auth")
        {
            Description = "Lab mode: accept every request without digest authentication (Auth:Enabled=false).",
        };

        var command = new Command(
            "run",
            "Start a SimpleActors node. Any configuration key can also be set with --Section:Key=value, "
            + "e.g. --Cluster:Port=4054, or with an environment variable SIMPLEACTORS__Section__Key.")
        {
            config, dataDirectory, hostname, port, noAuth,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, _) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(dataDirectory) is { } directory)
            {
                overrides["DataDirectory"] = directory.FullName;
            }

            if (parse.GetValue(hostname) is { } host)
            {
                overrides["Cluster:Hostname"] = host;
            }

            if (parse.GetValue(port) is { } number)
            {
                overrides["Cluster:Port"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(noAuth))
            {
                overrides["Auth:Enabled"] = "false";
            }

            var sources = new NodeConfigurationSources
            {
                ConfigFile = parse.GetValue(config)?.FullName,
                Switches = [.. parse.UnmatchedTokens],
                Overrides = overrides,
            };
            return RunAsync(sources);
        });
        return command;
    }

    /// <summary>
    /// Runs the node until the host is told to stop (Ctrl+C, SIGTERM, or the actor system
    /// terminating); the host runs Akka's CoordinatedShutdown, so the node leaves the cluster first.
    /// </summary>
    public static async Task<int> RunAsync(NodeConfigurationSources sources)
    {
        IHost host;
        try
        {
            host = NodeHost.Build(sources);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FormatException)
        {
            await Console.Error.WriteLineAsync($"simpleactors: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        using (host)
        {
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SimpleActors.Node");
            try
            {
                await host.StartAsync().ConfigureAwait(false);
            }
            catch (OptionsValidationException e)
            {
                LogInvalidConfiguration(logger, e.Failures);
                return 2;
            }
            catch (Exception e) when (IsStartCancelled(e))
            {
                // A stop asked for (SIGTERM, Ctrl+C) while the node is still starting cancels the start: that is the
                // operator's stop, not a failure.
                await host.StopAsync().ConfigureAwait(false);
                LogStopped(logger);
                return 0;
            }
#pragma warning disable CA1031 // any failure to start is reported and ends the process with 1
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogStartFailed(logger, e);
                return 1;
            }

            await host.WaitForShutdownAsync().ConfigureAwait(false);
            LogStopped(logger);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Invalid configuration: {Failures}")]
    private static partial void LogInvalidConfiguration(ILogger logger, IEnumerable<string> failures);

    [LoggerMessage(Level = LogLevel.Critical, Message = "SimpleActors node failed to start")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "SimpleActors node stopped")]
    private static partial void LogStopped(ILogger logger);

    /// <summary>
    /// The start was cancelled: StartAsync gets no token of ours, so only the host's own stop (SIGTERM, Ctrl+C, through
    /// its lifetime) cancels it. Decided on the exception itself: a signal handler of ours that noted the stop could run
    /// after the start had already failed with the cancellation (seen in CI).
    /// </summary>
    private static bool IsStartCancelled(Exception e) => e is OperationCanceledException
        || (e is AggregateException all && all.InnerExceptions.All(inner => inner is OperationCanceledException));
}
