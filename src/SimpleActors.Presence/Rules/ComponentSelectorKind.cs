namespace SimpleActors.Presence.Rules;

/// <summary>How a <c>provide-services</c>, <c>provide-persons</c> or <c>provide-devices</c> child names components (RFC 5025 section 3.3.1).</summary>
public enum ComponentSelectorKind
{
    /// <summary><c>class</c>: the component's RPID <c>class</c> equals the value (services, persons, devices).</summary>
    Class,

    /// <summary><c>occurrence-id</c>: the component's <c>id</c> attribute equals the value (services, persons, devices).</summary>
    OccurrenceId,

    /// <summary><c>service-uri</c>: the tuple's contact URI equals the value (services).</summary>
    ServiceUri,

    /// <summary><c>service-uri-scheme</c>: the scheme of the tuple's contact URI equals the value (services).</summary>
    ServiceUriScheme,

    /// <summary><c>deviceID</c>: the device's <c>deviceID</c> equals the value (devices).</summary>
    DeviceId,
}
