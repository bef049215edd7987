namespace SimpleActors.Edge.Transport;

/// <summary>
/// The idle timeout of one connection (TCP, TLS, WebSocket): every read and write touches it; once nothing has touched
/// it for the timeout (RFC 5626 keep-alives count), the token its receive loop reads with is cancelled and the
/// connection closes. Checked four times per timeout on a timer.
/// </summary>
public sealed class IdleTimeout : IDisposable
{
    private readonly TimeSpan timeout;
    private CancellationTokenSource? idle;
    private Timer? check;
    private long lastActivity;

    public IdleTimeout(TimeSpan timeout)
    {
        this.timeout = timeout;
        Touch();
    }

    public void Touch() => Interlocked.Exchange(ref lastActivity, Environment.TickCount64);

    /// <summary>A token cancelled when <paramref name="ct"/> is, or when nothing touched this for the timeout.</summary>
    public CancellationToken Watch(CancellationToken ct)
    {
        idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        check = new Timer(_ => CloseIfIdle(), null, timeout / 4, timeout / 4);
        return idle.Token;
    }

    private void CloseIfIdle()
    {
        if (Environment.TickCount64 - Interlocked.Read(ref lastActivity) > (long)timeout.TotalMilliseconds)
        {
            try
            {
                idle?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already finished.
            }
        }
    }

    public void Dispose()
    {
        check?.Dispose();
        idle?.Dispose();
    }
}
