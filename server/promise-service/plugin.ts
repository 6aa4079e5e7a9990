/**
 * The promise service (`app.promises`): the one way the server asks the engine for a promise,
 * used by `GET /v1/promise` and by checkout alike. It owns destination resolution, the mapping of
 * engine errors to API errors, the short-lived answer cache and the engine call itself, reading
 * only memory (the live merchant, catalog and network caches). See docs/ARCHITECTURE.md,
 * "Promises".
 */
import fp from 'fastify-plugin';
import type { Address, PromiseQuery, PromiseResponse, ServedRegions, Unavailable, UndeliverableDetails } from '../../contract/public.js';
import type { Destination } from '../../contract/public.js';
import { ApiError, notFound } from '../errors.js';
import type { Merchant } from '../merchants/merchant.js';
import type { NetworkRegistry } from '../live/networks.js';
import type { Catalog } from '../live/catalog.js';
import type { ProductRecord } from '../catalog/products.repository.js';
import {
  computePromise,
  InvalidPromiseRequestError,
  planOptions,
  planShipments,
  reachFrom,
  formatInZone,
  type ReachArea,
  type ShipmentsPlan,
  type PromiseItem,
  type PromiseOption,
  type ServiceId,
} from '../promise/index.js';
import { PromiseCache } from './cache.js';
import { resolveDestination, stateName, stateOfPostalCode, UnknownDestinationError, type DestinationInput } from './destination.js';
import { servedStates } from './served.js';
import { toDeliveryOption } from './options.js';

export interface PromiseServiceOptions {
  /** How long an identical question may be answered from memory, ms; 0 turns the cache off. */
  cacheMs: number;
}

export class PromiseService {
  private readonly cache: PromiseCache;

  constructor(
    private readonly deps: { networks: NetworkRegistry; catalog: Catalog; clock: () => number },
    cacheMs: number,
  ) {
    this.cache = new PromiseCache(cacheMs);
  }

  /** Where a postal code or coordinates are; a place we cannot deliver to is `undeliverable`. */
  destination(input: DestinationInput): Destination {
    try {
      return resolveDestination(input);
    } catch (error) {
      if (error instanceof UnknownDestinationError) {
        const details: UndeliverableDetails = { reason: error.reason };
        throw new ApiError('undeliverable', error.message, details);
      }
      throw error;
    }
  }

  /**
   * Where an address is, checked whole: its postal code resolves (`undeliverable` otherwise) and
   * lies in the state the address names (a 400 naming both fields otherwise), so a typo in either
   * is caught before stock is held.
   */
  addressDestination(address: Pick<Address, 'postalCode' | 'country' | 'region'>): Destination {
    const destination = this.destination({ postalCode: address.postalCode, country: address.country });
    const state = stateOfPostalCode(address.postalCode);
    const region = address.region.trim().toUpperCase();
    if (state !== null && region !== state && region !== stateName(state).toUpperCase()) {
      const message = `Postal code ${destination.postalCode} is in ${stateName(state)} (${state}), not ${address.region.trim()}`;
      throw new ApiError('invalid_request', message, {
        issues: [
          { path: 'address.postalCode', message },
          { path: 'address.region', message: `Choose ${stateName(state)} (${state}), or correct the postal code` },
        ],
      });
    }
    return destination;
  }

  /** The countries and states `merchant`'s network delivers to (`GET /v1/regions`). */
  servedRegions(merchant: Merchant): ServedRegions {
    return { countries: [{ code: 'US', regions: servedStates(this.deps.networks.get(merchant.id)) }] };
  }

  product(merchant: Merchant, sku: string): ProductRecord {
    const product = this.deps.catalog.get(merchant.id, sku);
    if (!product) throw notFound(`No product with SKU ${sku}`);
    return product;
  }

  /** Engine items for products and quantities: prices and eligibility from the catalog. */
  items(lines: Array<{ product: ProductRecord; quantity: number }>): PromiseItem[] {
    return lines.map(({ product, quantity }) => ({
      sku: product.sku,
      quantity,
      unitPrice: product.priceMinor,
      fastDeliveryEligible: product.fastDeliveryEligible,
    }));
  }

  /**
   * The options a shopper is shown for items at a destination, now. Asked for named `services`
   * (re-checking a chosen option at checkout, re-promising a shortage), the engine's plan for
   * each of them as it stands now, even one the shopper's view would no longer show under its
   * name: checkout then reports it as changed rather than gone (docs/promise-model.md).
   * `anySource`: re-sourcing a shortage, where a second source is not asked for.
   */
  options(
    merchant: Merchant,
    items: PromiseItem[],
    destination: Destination,
    member: boolean,
    services?: readonly ServiceId[],
    anySource = false,
  ): PromiseOption[] {
    try {
      const request = {
        items,
        destination: { lat: destination.lat, lng: destination.lng, timeZone: destination.timeZone },
        now: this.deps.clock(),
        member,
        feePolicy: merchant.enginePolicy,
      };
      const network = this.deps.networks.get(merchant.id);
      return services ? planOptions(network, { ...request, services, anySource }) : computePromise(network, request);
    } catch (error) {
      if (error instanceof InvalidPromiseRequestError) throw new ApiError('unprocessable', error.message);
      throw error;
    }
  }

  /**
   * Where each service reaches today from each of the merchant's places (all of them, or those
   * named), by the engine's rules; order-by instants written in the place's zone with its offset.
   */
  reach(
    merchantId: string,
    nodeIds: readonly string[] | null,
  ): { at: number; places: Array<{ nodeId: string; areas: Array<Omit<ReachArea, 'orderBy'> & { orderBy: string | null }> }> } {
    const network = this.deps.networks.get(merchantId);
    const now = this.deps.clock();
    const places = network
      .allNodes()
      .filter((n) => !nodeIds || nodeIds.includes(n.id))
      .map((n) => ({
        nodeId: n.id,
        areas: reachFrom(network, n.id, now).map((a) => ({
          ...a,
          orderBy: a.orderBy === null ? null : formatInZone(n.timeZone, a.orderBy),
        })),
      }));
    return { at: now, places };
  }

  /**
   * Catches this process up on the orders each node took per day, after a write found a day
   * fuller than the index knew (another process filled it): the next `options` sees it.
   */
  refreshCapacity(merchantId: string): Promise<void> {
    return this.deps.networks.refreshCapacity(merchantId);
  }

  /**
   * The window the nodes of a held option can make now, on the same service: a payment that
   * lands after the option's order-by is checked against it (docs/promise-model.md, "A promise is
   * kept at payment too"). Null when they no longer can at all.
   */
  replan(merchantId: string, option: PromiseOption, address: { postalCode: string; country: string }): ShipmentsPlan | null {
    let destination: Destination;
    try {
      destination = resolveDestination({ postalCode: address.postalCode, country: address.country });
    } catch (error) {
      if (error instanceof UnknownDestinationError) return null;
      throw error;
    }
    return this.planFrom(
      merchantId,
      option.service,
      destination,
      this.deps.clock(),
      option.shipments.map((s) => s.nodeId),
    );
  }

  /**
   * When one place can deliver on a service if it picks from `at` (a shortage waiting for the
   * place's restock): the engine's plan from that instant, slack and all, with the end the
   * service's own run brings (`plannedEndMs`). Null when the place cannot at all.
   */
  planAt(merchantId: string, service: ServiceId, destination: Destination, at: number, nodeId: string): ShipmentsPlan | null {
    try {
      return this.planFrom(merchantId, service, destination, at, [nodeId]);
    } catch (error) {
      if (error instanceof InvalidPromiseRequestError) throw new ApiError('unprocessable', error.message);
      throw error;
    }
  }

  /** The engine's plan for these places of the merchant's network on a service, picking from `now`. */
  private planFrom(merchantId: string, service: ServiceId, destination: Destination, now: number, nodeIds: string[]): ShipmentsPlan | null {
    return planShipments(this.deps.networks.get(merchantId), {
      service,
      destination: { lat: destination.lat, lng: destination.lng, timeZone: destination.timeZone },
      now,
      nodeIds,
    });
  }

  /**
   * Why nothing can be promised for `quantity` of `sku` at a destination: units nowhere (sold
   * out), units only in other shoppers' unpaid checkouts (held, until the first hold expires), or
   * units that no place reaching the destination holds (not deliverable there). Read from the live
   * index alone, like the promise.
   */
  private unavailable(merchantId: string, sku: string, quantity: number, destination: Destination): Unavailable {
    const place = destination.postalCode ?? destination.label;
    if (this.deps.networks.get(merchantId).availableTotal(sku) >= quantity) {
      return { reason: 'not_deliverable', message: `Not deliverable to ${place} from any place that has it`, retryAt: null };
    }
    const held = this.deps.networks.held(merchantId, sku);
    if (held.units > 0 && this.deps.networks.get(merchantId).availableTotal(sku) + held.units >= quantity) {
      const retryAt = held.until === null ? null : new Date(Math.max(held.until, this.deps.clock())).toISOString();
      return {
        reason: 'held',
        message: `The last units are held by other shoppers' checkouts${retryAt ? `; look again after ${retryAt}` : ''}`,
        retryAt,
      };
    }
    return { reason: 'sold_out', message: 'Sold out everywhere', retryAt: null };
  }

  /**
   * The answer to `GET /v1/promise`, serialized: from memory while nothing it was built from has
   * changed and no cut-off in it has passed, else freshly computed.
   */
  answer(merchant: Merchant, query: PromiseQuery, member: boolean): string {
    const product = this.product(merchant, query.sku);
    const now = this.deps.clock();
    const network = this.deps.networks.get(merchant.id);
    const where =
      query.postal_code !== undefined ? `z:${query.country}:${query.postal_code}` : `c:${query.country}:${query.lat}:${query.lng}`;
    const key = `${member ? 'm' : 'g'}|${query.sku}|${query.qty}|${where}`;
    const basis = { revision: network.revision, product, merchant };
    const cached = this.cache.get(network, key, basis, now);
    if (cached !== undefined) return cached;

    const destination = this.destination(
      query.postal_code !== undefined
        ? { postalCode: query.postal_code, country: query.country }
        : { lat: query.lat!, lng: query.lng!, country: query.country },
    );
    const options = this.options(merchant, this.items([{ product, quantity: query.qty }]), destination, member);
    const body: PromiseResponse = {
      product: {
        sku: product.sku,
        title: product.title,
        price: { amount: product.priceMinor, currency: product.currency },
        imageUrl: product.imageUrl,
        fastDeliveryEligible: product.fastDeliveryEligible,
      },
      destination,
      quantity: query.qty,
      computedAt: new Date(now).toISOString(),
      member,
      options: options.map(toDeliveryOption),
      unavailable: options.length > 0 ? null : this.unavailable(merchant.id, product.sku, query.qty, destination),
    };
    const json = JSON.stringify(body);
    this.cache.set(network, key, basis, json, now, Math.min(...options.map((o) => o.orderByMs)));
    return json;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    promises: PromiseService;
  }
}

export default fp<PromiseServiceOptions>(
  async function promiseServicePlugin(app, opts) {
    app.decorate('promises', new PromiseService({ networks: app.networks, catalog: app.catalog, clock: app.clock }, opts.cacheMs));
  },
  { name: 'promises', dependencies: ['clock', 'catalog', 'networks'] },
);
