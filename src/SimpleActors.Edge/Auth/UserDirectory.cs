using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleActors.Sip.Auth;

namespace SimpleActors.Edge.Auth;

/// <summary>
/// The users a node authenticates, loaded from the credentials file and kept current: a
/// <see cref="FileSystemWatcher"/> reloads on change, and a poll of the file's last-write time and
/// length (every second by default) catches what watchers miss (network file systems, editors that
/// replace the folder entry, overflowing event buffers). A reload swaps the whole table at once, so a
/// lookup sees the old users or the new ones, never a mixture. A file that fails to parse leaves the
/// old users in place and is reported (<see cref="LastError"/>, a warning in the log); the next change
/// is tried again. A missing file means no users.
/// </summary>
public sealed partial class UserDirectory : IDigestCredentialSource, IDisposable
{
    /// <summary>The default interval of the last-write-time poll.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger;
    private readonly Lock _reloadLock = new();
    private readonly ITimer _poll;
    private FileSystemWatcher? _watcher;
    private Table _table;
    private FileStamp _stamp;
    private bool _disposed;

    /// <summary>
    /// Loads <paramref name="path"/> and starts watching it. Throws <see cref="InvalidDataException"/>
    /// when the file exists but is not a valid credentials file: a node does not start on a broken file.
    /// </summary>
    public UserDirectory(string path, ILogger<UserDirectory>? logger = null, TimeSpan? pollInterval = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _stamp = FileStamp.Of(Path);
        _table = new Table(UsersFile.Read(Path));
        LogLoaded(_logger, _table.Count, Path);
        CheckExposure(_table.File);

        StartWatcher();
        var interval = pollInterval ?? DefaultPollInterval;
        _poll = (timeProvider ?? TimeProvider.System).CreateTimer(_ => Refresh(), null, interval, interval);
    }

    /// <summary>The credentials file, as a full path.</summary>
    public string Path { get; }

    /// <summary>The number of users now.</summary>
    public int Count => Volatile.Read(ref _table).Count;

    /// <summary>The users now, ordered by AOR.</summary>
    public IReadOnlyList<StoredUser> Users => Volatile.Read(ref _table).File.Users;

    /// <summary>Incremented by every successful reload; 0 after the first load.</summary>
    public int Version => Volatile.Read(ref _table).Version;

    /// <summary>Why the last reload failed, or null when the current content is the file's.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>The user with the AOR <paramref name="aor"/>, compared in canonical form.</summary>
    public bool TryGetUser(string aor, [NotNullWhen(true)] out StoredUser? user) =>
        Volatile.Read(ref _table).File.TryGet(aor, out user);

    public bool Contains(string aor) => TryGetUser(aor, out _);

    /// <inheritdoc />
    public bool TryGetHa1(string identityAor, string realm, DigestAlgorithm algorithm, [NotNullWhen(true)] out string? ha1)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ha1 = null;
        return TryGetUser(identityAor, out var user)
               && string.Equals(user.Realm, realm, StringComparison.Ordinal)
               && user.Ha1.TryGetValue(algorithm.Base.Name, out ha1);
    }

    /// <summary>Reloads when the file's last-write time or length changed since the last attempt; true when new users were swapped in.</summary>
    public bool Refresh() => Reload(force: false);

    public void Dispose()
    {
        lock (_reloadLock)
        {
            _disposed = true;
        }

        _poll.Dispose();
        _watcher?.Dispose();
    }

    private bool Reload(bool force)
    {
        lock (_reloadLock)
        {
            if (_disposed)
            {
                return false;
            }

            // The stamp is taken before reading: a write that lands during the read changes it again,
            // so the next poll reads once more.
            var stamp = FileStamp.Of(Path);
            if (!force && stamp == _stamp)
            {
                return false;
            }

            UsersFile file;
            try
            {
                file = UsersFile.Read(Path);
            }
            catch (InvalidDataException e)
            {
                _stamp = stamp;
                LastError = e;
                LogReloadFailed(_logger, Path, e.Message);
                return false;
            }
            catch (IOException e)
            {
                // Locked or being replaced: leave the stamp so the next poll tries again.
                LogReadFailed(_logger, Path, e.Message);
                return false;
            }
            catch (UnauthorizedAccessException e)
            {
                _stamp = stamp;
                LastError = e;
                LogReloadFailed(_logger, Path, e.Message);
                return false;
            }

            _stamp = stamp;
            LastError = null;
            var table = new Table(file, Volatile.Read(ref _table).Version + 1);
            Volatile.Write(ref _table, table);
            LogReloaded(_logger, table.Count, Path);
            CheckExposure(file);
            return true;
        }
    }

    /// <summary>
    /// HA1 hashes are as good as passwords for digest authentication: a file others may read is reported, at start
    /// and at every reload. A file of demo users only, whose passwords are published anyway, is reported as such.
    /// </summary>
    private void CheckExposure(UsersFile file)
    {
        if (DemoUsers.AreAll(file))
        {
            LogDemoUsers(_logger, Path);
        }
        else if (UsersFile.IsExposed(Path, out var mode))
        {
            LogExposed(_logger, Path, Convert.ToString((int)mode, 8));
        }
    }

    private void StartWatcher()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (directory is null || !Directory.Exists(directory))
        {
            return; // the poll notices when the file appears
        }

        try
        {
            var watcher = new FileSystemWatcher(directory, System.IO.Path.GetFileName(Path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => Reload(force: true);
            watcher.Created += (_, _) => Reload(force: true);
            watcher.Deleted += (_, _) => Reload(force: true);
            watcher.Renamed += (_, _) => Reload(force: true);
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Out of inotify watches, or no watcher on this platform: the poll alone keeps up.
            LogWatcherUnavailable(_logger, Path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} users from {Path}")]
    private static partial void LogLoaded(ILogger logger, int count, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded {Count} users from {Path}")]
    private static partial void LogReloaded(ILogger logger, int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} may be read by other users (mode {Mode}): its HA1 hashes let anyone who reads them sign in as its users; chmod 600 {Path}")]
    private static partial void LogExposed(ILogger logger, string path, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} holds only the demo users, whose passwords are published in the README; replace them (simpleactors user add/remove) before real use")]
    private static partial void LogDemoUsers(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept the previous users: {Path} is not valid: {Problem}")]
    private static partial void LogReloadFailed(ILogger logger, string path, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read {Path} now, trying again: {Problem}")]
    private static partial void LogReadFailed(ILogger logger, string path, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No file watcher for {Path} ({Problem}); polling only")]
    private static partial void LogWatcherUnavailable(ILogger logger, string path, string problem);

    private sealed class Table(UsersFile file, int version = 0)
    {
        public UsersFile File { get; } = file;

        public int Version { get; } = version;

        public int Count { get; } = file.Users.Count;
    }

    private readonly record struct FileStamp(bool Exists, DateTime LastWriteUtc, long Length)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(true, info.LastWriteTimeUtc, info.Length) : default;
        }
    }
}
