namespace SimpleActors.Msrp.IsComposing;

/// <summary>The two states of message composition (RFC 3994 section 3.1).</summary>
public enum ComposingState
{
    /// <summary>Not composing: the message was sent, or nothing was typed for a while.</summary>
    Idle,

    /// <summary>Composing a message.</summary>
    Active,
}
