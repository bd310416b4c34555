import Foundation
import NIOSSL

/// The certificate chain and private key the reference server presents when it serves HTTPS (DESIGN §8.14).
///
/// Both files are PEM. They are read and checked when the identity is made, so a missing file, a file that is
/// not PEM, or a key that does not belong to the certificate is an error here, before anything listens, and not
/// a failure of every handshake later.
public struct ServerTLSIdentity: Sendable {
    /// The PEM certificate chain file, leaf first.
    public let certificateFile: String
    /// The PEM private key file of the leaf certificate.
    public let keyFile: String
    /// The server side of TLS, built from both files.
    let tlsConfiguration: TLSConfiguration

    /// Reads and checks `certificateFile` and `keyFile`.
    /// - Throws: ``ServerTLSIdentityError`` naming the file at fault.
    public init(certificateFile: String, keyFile: String) throws(ServerTLSIdentityError) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        let certificatePEM = try Self.contents(of: certificateFile)
        let keyPEM = try Self.contents(of: keyFile)
        guard let chain = try? NIOSSLCertificate.fromPEMBytes(certificatePEM), !chain.isEmpty else {
            throw .invalidCertificate(path: certificateFile)
        }
        guard let key = try? NIOSSLPrivateKey(bytes: keyPEM, format: .pem) else { throw .invalidKey(path: keyFile) }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        do {
            // BoringSSL checks here that the key is the certificate's.
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .keyDoesNotMatchCertificate(certificateFile: certificateFile, keyFile: keyFile)
        }
        self.tlsConfiguration = configuration
    }

    private static func contents(of path: String) throws(ServerTLSIdentityError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return Array(data)
    }
}

/// Why a certificate or key file cannot serve HTTPS.
public enum ServerTLSIdentityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(path: String)
    /// The file holds no PEM certificate.
    case invalidCertificate(path: String)
    /// The file holds no PEM private key.
    case invalidKey(path: String)
    /// The key is not the certificate's.
    case keyDoesNotMatchCertificate(certificateFile: String, keyFile: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .invalidCertificate(let path): "\(path) holds no PEM certificate"
        case .invalidKey(let path): "\(path) holds no PEM private key"
        case .keyDoesNotMatchCertificate(let certificateFile, let keyFile):
            "the key in \(keyFile) does not belong to the certificate in \(certificateFile)"
        }
    }
}
