namespace SimpleActors.Engine.Registration;

/// <summary>The <c>Registrar</c> section of the configuration: expiry limits in seconds (RFC 3261 section 10.3, step 7).</summary>
public sealed class RegistrarOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Registrar";

    /// <summary>The expiry when neither the contact nor the request asks for one.</summary>
    public int DefaultExpires { get; set; } = 3600;

    /// <summary>A non-zero expiry below this is rejected with 423 Interval Too Brief.</summary>
    public int MinExpires { get; set; } = 60;

    /// <summary>A longer expiry is shortened to this.</summary>
    public int MaxExpires { get; set; } = 86400;
}
