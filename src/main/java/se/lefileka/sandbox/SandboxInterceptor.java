package se.lefileka.sandbox;

/**
 * Steps in before the sandbox answers a call, to answer otherwise (a fault, a closed service) or
 * later: how tests and benchmarks make the sandbox misbehave. Null: answer as usual.
 */
interface SandboxInterceptor {

    SandboxReply before(String service, String version, Budget budget);
}
