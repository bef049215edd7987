namespace SimpleActors.Sip.Auth;

/// <summary>
/// Replay protection for digest credentials (RFC 7616 section 3.4.5): per nonce, the highest
/// nonce-count accepted; a request whose nc is not above it is a replay and is re-challenged.
/// </summary>
/// <remarks>
/// The tracker is in memory and bounded. An entry is dropped once its nonce has expired (a stale
/// nonce is refused anyway), and when the tracker is full the entry closest to expiry is evicted;
/// a replay of an evicted nonce within its remaining lifetime would then be accepted, so the
/// capacity should exceed the number of nonces in use during one lifetime.
/// A cluster node only knows the counts it saw itself: a request replayed to another node is
/// accepted there once. That is acceptable here: the replay carries a response the attacker could
/// not compute, it only repeats what the user already asked for, within the nonce lifetime.
/// Only call <see cref="TryAccept"/> after the response has been verified, so that nobody without
/// the credentials can use up counts or fill the table.
/// Thread-safe.
/// </remarks>
public sealed class NonceCountTracker
{
    /// <summary>The default capacity: nonces tracked at once.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<string, uint> _highest = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _byExpiry = new();
    private readonly Lock _lock = new();

    public NonceCountTracker(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most nonces tracked at once.</summary>
    public int Capacity { get; }

    /// <summary>The number of nonces tracked now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _highest.Count;
            }
        }
    }

    /// <summary>
    /// Accepts <paramref name="nonceCount"/> for <paramref name="nonce"/> when it is above every
    /// count accepted before for that nonce, and records it; false for a repeated or lower count.
    /// </summary>
    public bool TryAccept(string nonce, uint nonceCount, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        lock (_lock)
        {
            RemoveExpired(now);
            if (_highest.TryGetValue(nonce, out var highest))
            {
                if (nonceCount <= highest)
                {
                    return false;
                }

                _highest[nonce] = nonceCount;
                return true;
            }

            if (expiresAt <= now)
            {
                return false;
            }

            while (_highest.Count >= Capacity && _byExpiry.TryDequeue(out var evicted, out _))
            {
                _highest.Remove(evicted);
            }

            _highest[nonce] = nonceCount;
            _byExpiry.Enqueue(nonce, expiresAt);
            return true;
        }
    }

    /// <summary>Parses an <c>nc</c> value: exactly 8 hex digits (RFC 7616 section 3.4).</summary>
    public static bool TryParseNonceCount(string? value, out uint nonceCount)
    {
        nonceCount = 0;
        return value is { Length: 8 }
               && uint.TryParse(value, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out nonceCount);
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        while (_byExpiry.TryPeek(out var nonce, out var expiresAt) && expiresAt <= now)
        {
            _byExpiry.Dequeue();
            _highest.Remove(nonce);
        }
    }
}
