export declare const CODE_SERVER_VERSION: string;
export declare function editorCacheDir(): string;
export declare function codeServerDir(): string;
export declare function codeServerEntry(): string | undefined;
export declare function chromiumPath(): string | undefined;
