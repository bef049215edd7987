namespace SimpleActors.Presence;

/// <summary>The <c>basic</c> status of a tuple: <c>open</c> or <c>closed</c> (RFC 3863 section 4.1.4).</summary>
public enum BasicStatus
{
    /// <summary><c>open</c>: the service can accept communication.</summary>
    Open,

    /// <summary><c>closed</c>: it cannot.</summary>
    Closed,
}
