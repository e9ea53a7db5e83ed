import NIOCore

/// Answers one framed KMIP request for an authenticated client: the seam between the network
/// and the Operations layer. The server knows nothing of the store.
///
/// Called once per Request Message, in order per connection, never concurrently for one
/// connection (concurrently across connections). `request` is exactly one whole TTLV item whose
/// header names a Request Message; its body may still be malformed.
public protocol KMIPRequestHandler: Sendable {
    /// The encoded Response Message. Never throws: every failure, including a body that does not
    /// decode, is a KMIP error response (Invalid Message, Permission Denied, …).
    func handle(_ request: ByteBuffer, from client: ClientIdentity, peer: SocketAddress?) async -> ByteBuffer
}
